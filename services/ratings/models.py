"""Ratings (好差评) and rectifications (整改). Models of the `services` app (imported by
services/models.py); rules in services/ratings/rules.py."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.access import StreetScopedQuerySet
from services.applications.models import FollowUp, ServiceApplication

__all__ = ["RatingPolicy", "Rating", "Rectification"]

CLOSING_OCCASION = "closing"
EVALUATION_PREFIX = "evaluation-"


class RatingPolicy(models.Model):
    """The rating rules staff edit in admin; one row."""

    rectification_working_days = models.PositiveSmallIntegerField(
        "整改时限（工作日）",
        default=15,
        help_text="收到“不满意”或“非常不满意”后，社工站须在这么多个工作日内整改并答复",
    )
    change_days = models.PositiveSmallIntegerField(
        "评价可修改天数", default=7, help_text="居民提交评价后，这么多天内可以修改"
    )

    class Meta:
        verbose_name = "评价与整改规则"
        verbose_name_plural = "评价与整改规则"

    def __str__(self) -> str:
        return "评价与整改规则"

    @classmethod
    def current(cls) -> "RatingPolicy":
        policy = cls.objects.order_by("id").first()
        return policy if policy is not None else cls()


class Level(models.IntegerChoices):
    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    BASIC = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


SATISFIED_LEVELS = (Level.VERY_SATISFIED, Level.SATISFIED)
POOR_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)


class Aspect(models.TextChoices):
    SPEED = "speed", "响应速度"
    ATTITUDE = "attitude", "服务态度"
    EFFECT = "effect", "服务效果"


class RatingQuerySet(StreetScopedQuerySet):
    street_path = "application__street"

    def real(self):
        return self.filter(application__is_sample=False)


class Rating(models.Model):
    """One resident's rating of one occasion (the closed case, or one quarterly evaluation).

    `round` is 1 for the first rating; after a rectification is closed the resident may rate
    the same occasion once more (round 2). A rating is changed in place within the policy's
    `change_days`."""

    Level = Level
    Aspect = Aspect

    application = models.ForeignKey(
        ServiceApplication, verbose_name="申请", on_delete=models.CASCADE, related_name="ratings"
    )
    evaluation = models.ForeignKey(
        FollowUp,
        verbose_name="季度评估",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ratings",
        help_text="为空表示对结案的评价",
    )
    occasion = models.CharField("评价对象", max_length=30, editable=False)
    round = models.PositiveSmallIntegerField("第几次评价", default=1)
    level = models.PositiveSmallIntegerField("评价", choices=Level.choices)
    aspect = models.CharField("涉及方面", max_length=10, choices=Aspect.choices, blank=True)
    comment = models.TextField("意见", max_length=500, blank=True)
    social_worker = models.CharField(
        "负责社工", max_length=30, blank=True, help_text="评价时个案的负责社工"
    )
    worker = models.ForeignKey(
        "careers.SocialWorker",
        verbose_name="负责社工（登记）",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="ratings",
        help_text="评价时个案分派的登记社工；她的满意度按这一项统计",
    )
    rated_at = models.DateTimeField("首次提交时间", default=timezone.now)
    changed_at = models.DateTimeField("最后修改时间", default=timezone.now)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = "服务评价"
        verbose_name_plural = "服务评价（好差评）"
        ordering = ["-rated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "occasion", "round"], name="rating_once_per_occasion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.occasion_label} {self.get_level_display()}"

    @property
    def occasion_label(self) -> str:
        if self.evaluation_id:
            return f"{self.evaluation.due_on:%Y年%-m月}季度评估"
        return "结案"

    @property
    def is_satisfied(self) -> bool:
        return self.level in SATISFIED_LEVELS

    @property
    def is_poor(self) -> bool:
        return self.level in POOR_LEVELS

    def changeable_until(self, policy: RatingPolicy) -> dt.datetime:
        return self.rated_at + dt.timedelta(days=policy.change_days)


class RectificationQuerySet(StreetScopedQuerySet):
    street_path = "rating__application__street"

    def open(self):
        return self.exclude(status=Rectification.Status.CLOSED)

    def overdue(self, today: dt.date | None = None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def real(self):
        return self.filter(rating__application__is_sample=False)


class Rectification(models.Model):
    """整改: a poor rating's task for the case's station, answered there, closed by the hub."""

    class Status(models.TextChoices):
        OPEN = "open", "待整改"
        ANSWERED = "answered", "已答复，待区社工总站办结"
        CLOSED = "closed", "已办结"

    rating = models.OneToOneField(
        Rating, verbose_name="评价", on_delete=models.CASCADE, related_name="rectification"
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    opened_at = models.DateTimeField("开始时间", default=timezone.now)
    due_on = models.DateField("整改截止日期")
    station_answer = models.TextField(
        "社工站整改答复", blank=True, help_text="做了哪些整改；办结后申请人在进度查询页可以看到"
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办结人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = ["status", "due_on", "id"]
        permissions = [("close_rectification", "可以办结整改任务（区社工总站）")]

    def __str__(self) -> str:
        return f"{self.rating.application} 整改"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status != self.Status.CLOSED and self.due_on < (today or timezone.localdate())

    def closed_on_time(self) -> bool:
        return self.closed_at is not None and timezone.localdate(self.closed_at) <= self.due_on
