"""Careers: the subsidy policy (levels, amounts), the promotion ladder and its June window,
training channels and sessions with sign-up, social workers and the monthly subsidy roll.

Every amount and threshold is a row edited in admin; the rules that use them are plain
functions in careers/rules.py.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Greatest
from simple_history.models import HistoricalRecords

from bijiang_social.personal_data import mask_mobile, normalise_mobile, validate_mobile
from services.access import StreetScopedQuerySet
from services.models import Street


def format_years(years: Decimal) -> str:
    """Decimal('2.0') -> '2', Decimal('0.5') -> '0.5'."""
    return f"{years.normalize():f}"


# --- Policy ---------------------------------------------------------------------------------


class CertificateLevel(models.Model):
    """A certificate level (助理社工师, 社工师, 高级社工师 or none) and its post subsidy."""

    code = models.SlugField(
        "代码",
        max_length=20,
        unique=True,
        help_text="网址和计算器使用：none、assistant、intermediate、senior，勿随意修改",
    )
    name = models.CharField("等级名称", max_length=20)
    rank = models.PositiveSmallIntegerField(
        "等级高低", unique=True, help_text="数字越大等级越高；无证书为0"
    )
    monthly_post_subsidy = models.PositiveIntegerField("岗位补贴（元/月）", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "证书等级与岗位补贴"
        verbose_name_plural = "证书等级与岗位补贴"
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name

    @property
    def yearly_post_subsidy(self) -> int:
        return self.monthly_post_subsidy * 12


class SubsidyPolicyQuerySet(models.QuerySet):
    def in_force_on(self, day: dt.date):
        """The policy in force on a day: the latest one that took effect on or before it."""
        return (
            self.filter(effective_from__lte=day)
            .select_related("title_min_level")
            .order_by("-effective_from")
            .first()
        )


class SubsidyPolicy(models.Model):
    """The title subsidy and the project award; a new row from a date is next year's change."""

    effective_from = models.DateField("生效日期", unique=True)
    title_subsidy_yearly = models.PositiveIntegerField("职称专项补贴（元/年）", default=1000)
    title_min_level = models.ForeignKey(
        CertificateLevel,
        verbose_name="职称补贴的最低等级",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="中级（社工师）及以上可申领",
    )
    title_subsidy_month = models.PositiveSmallIntegerField(
        "职称补贴发放月份",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="每年一次，随这个月份的补贴名单发放（1–12）",
    )
    project_award_monthly = models.PositiveIntegerField("重点项目专项奖励（元/人/月）", default=200)
    how_to_claim = models.TextField(
        "申领方式", help_text="向社工说明如何申领，段落之间空一行", blank=True
    )

    history = HistoricalRecords()
    objects = SubsidyPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "补贴政策"
        verbose_name_plural = "补贴政策"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.effective_from:%Y年%m月%d日}起执行的补贴政策"

    @property
    def claim_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.how_to_claim.split("\n\n") if p.strip()]


class Role(models.TextChoices):
    FRONTLINE = "frontline", "一线社工"
    SUPERVISOR = "supervisor", "项目主管"
    SENIOR_SUPERVISOR = "senior_supervisor", "资深督导"


class PromotionStep(models.Model):
    """One rung of the ladder 一线社工 → 项目主管 → 资深督导 and what it takes."""

    from_role = models.CharField("现任岗位", max_length=20, choices=Role.choices, unique=True)
    to_role = models.CharField("可申请晋升为", max_length=20, choices=Role.choices)
    min_years = models.DecimalField(
        "最低任职年限（年）", max_digits=4, decimal_places=1, default=Decimal("0")
    )
    min_key_projects = models.PositiveSmallIntegerField("最少参与重点项目（个）", default=0)
    min_level = models.ForeignKey(
        CertificateLevel,
        verbose_name="最低证书等级",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="不要求证书时留空",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "晋升条件"
        verbose_name_plural = "晋升条件"
        ordering = ["from_role"]

    def __str__(self) -> str:
        return f"{self.get_from_role_display()} → {self.get_to_role_display()}"

    @property
    def requirements(self) -> list[str]:
        """The conditions in words, e.g. ["满2年从业经验", "参与2个及以上重点项目"]."""
        wanted = []
        if self.min_years:
            wanted.append(f"满{format_years(self.min_years)}年从业经验")
        if self.min_key_projects:
            wanted.append(f"参与{self.min_key_projects}个及以上重点项目")
        if self.min_level_id:
            wanted.append(f"持有{self.min_level.name}及以上社工证")
        return wanted


class AssessmentCriterion(models.Model):
    """What a promotion assessment looks at (服务满意度, 专业成果产出, 年度培训达标时长)."""

    name = models.CharField("考核指标", max_length=30, unique=True)
    description = models.CharField("说明", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "晋升考核指标"
        verbose_name_plural = "晋升考核指标"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class PromotionWindow(models.Model):
    """The yearly application window (every June), and how applications are submitted."""

    month = models.PositiveSmallIntegerField(
        "窗口月份", default=6, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    first_day = models.PositiveSmallIntegerField(
        "开始日", default=1, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    last_day = models.PositiveSmallIntegerField(
        "结束日",
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text="超过当月天数时按当月最后一天计",
    )
    how_to_apply = models.CharField(
        "申请方式", max_length=200, default="通过所在社工机构提交材料至民政部门审核"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "晋升申请窗口"
        verbose_name_plural = "晋升申请窗口"

    def __str__(self) -> str:
        return f"每年{self.month}月{self.first_day}日至{self.last_day}日"

    def clean(self):
        if self.first_day > self.last_day:
            raise ValidationError({"last_day": "结束日不能早于开始日。"})


# --- Training -------------------------------------------------------------------------------


class TrainingChannel(models.Model):
    """A channel for training and supervision (民政部门, 线上平台, 行业协会, 铜仁学院)."""

    name = models.CharField("渠道名称", max_length=40, unique=True)
    provider = models.CharField("提供方", max_length=40)
    frequency = models.CharField("频次", max_length=40, blank=True, help_text="例如 每季度1次")
    cost = models.CharField("费用", max_length=20, blank=True, help_text="例如 免费")
    description = models.TextField("内容")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "培训督导渠道"
        verbose_name_plural = "培训督导渠道"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class TrainingSessionQuerySet(models.QuerySet):
    def with_signup_count(self):
        """Adds signup_count and places_left (never below 0)."""
        return self.annotate(signup_count=Count("signups")).annotate(
            places_left=Greatest(F("capacity") - F("signup_count"), Value(0))
        )

    def upcoming(self, now=None):
        from django.utils import timezone

        return self.filter(is_published=True, starts_at__gte=now or timezone.now())


class TrainingSession(models.Model):
    """One session a social worker can sign up for."""

    channel = models.ForeignKey(
        TrainingChannel, verbose_name="渠道", on_delete=models.PROTECT, related_name="sessions"
    )
    topic = models.CharField("主题", max_length=80)
    starts_at = models.DateTimeField("开始时间")
    place = models.CharField("地点", max_length=120)
    capacity = models.PositiveSmallIntegerField("名额", validators=[MinValueValidator(1)])
    is_published = models.BooleanField("公开报名", default=True)

    history = HistoricalRecords()
    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "培训场次"
        verbose_name_plural = "培训场次"
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{timezone.localtime(self.starts_at):%Y-%m-%d} {self.topic}"


class SignUp(models.Model):
    """A sign-up for a training session. The phone is personal data: staff only, masked."""

    session = models.ForeignKey(
        TrainingSession, verbose_name="培训场次", on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField("姓名", max_length=30)
    organisation = models.CharField("所在机构", max_length=60)
    phone = models.CharField("手机号码", max_length=11, validators=[validate_mobile])
    created_at = models.DateTimeField("报名时间", auto_now_add=True)

    class Meta:
        verbose_name = "培训报名"
        verbose_name_plural = "培训报名"
        ordering = ["session", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "phone"],
                name="signup_once_per_session_and_phone",
                violation_error_message="这个手机号码已经报名了这一场培训。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation}）"

    def save(self, *args, **kwargs):
        self.phone = normalise_mobile(self.phone)
        super().save(*args, **kwargs)

    @property
    def masked_phone(self) -> str:
        return mask_mobile(self.phone)


# --- Social workers and the monthly roll ----------------------------------------------------


class SocialWorkerQuerySet(StreetScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class SocialWorker(models.Model):
    """A social worker of a street station, with certificates and key-project months."""

    name = models.CharField("姓名", max_length=30)
    street = models.ForeignKey(
        Street, verbose_name="所属街道社工站", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.CharField("所在机构", max_length=60, blank=True)
    phone = models.CharField(
        "工作手机",
        max_length=11,
        blank=True,
        validators=[validate_mobile],
        help_text="分派个案时告知申请人的联系电话",
    )
    role = models.CharField("岗位", max_length=20, choices=Role.choices, default=Role.FRONTLINE)
    title_level = models.ForeignKey(
        CertificateLevel,
        verbose_name="职称",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="获评的社工职称（对应证书等级），用于职称专项补贴；没有职称留空",
    )
    is_active = models.BooleanField("在职", default=True)

    objects = SocialWorkerQuerySet.as_manager()

    class Meta:
        verbose_name = "社工"
        verbose_name_plural = "社工"
        ordering = ["street__order", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.street}）"

    def clean(self) -> None:
        self.phone = normalise_mobile(self.phone)


class Certificate(models.Model):
    """A certificate a social worker obtained; its level counts from the month after its date."""

    worker = models.ForeignKey(
        SocialWorker, verbose_name="社工", on_delete=models.CASCADE, related_name="certificates"
    )
    level = models.ForeignKey(CertificateLevel, verbose_name="证书等级", on_delete=models.PROTECT)
    obtained_on = models.DateField("发证日期")

    class Meta:
        verbose_name = "社工证书"
        verbose_name_plural = "社工证书"
        ordering = ["obtained_on"]

    def __str__(self) -> str:
        return f"{self.level}（{self.obtained_on:%Y-%m-%d}）"


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


class ProjectMonth(models.Model):
    """A month a social worker spent on a key livelihood project (重点民生项目)."""

    worker = models.ForeignKey(
        SocialWorker, verbose_name="社工", on_delete=models.CASCADE, related_name="project_months"
    )
    month = models.DateField("月份", help_text="填写该月任意一天，保存为该月1日")
    project = models.CharField("重点项目名称", max_length=80)

    class Meta:
        verbose_name = "重点项目参与月份"
        verbose_name_plural = "重点项目参与月份"
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "month"],
                name="project_month_once_per_worker",
                violation_error_message="这位社工这个月已经登记过重点项目，每月只计一次奖励。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y年%m月} {self.project}"

    def save(self, *args, **kwargs):
        self.month = first_of_month(self.month)
        super().save(*args, **kwargs)


class SubsidyRollQuerySet(StreetScopedQuerySet):
    def awaiting_approval(self):
        return self.filter(status=SubsidyRoll.Status.SUBMITTED)


class SubsidyRoll(models.Model):
    """A station's subsidy claims for one month: prepared, submitted, approved or returned."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿（社工站准备中）"
        SUBMITTED = "submitted", "已提交，待民政部门审核"
        RETURNED = "returned", "已退回，请修改后重新提交"
        APPROVED = "approved", "已审核通过（已锁定）"

    street = models.ForeignKey(Street, verbose_name="街道社工站", on_delete=models.PROTECT)
    month = models.DateField("补贴月份", help_text="填写该月任意一天，保存为该月1日")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField("退回原因", blank=True)
    prepared_at = models.DateTimeField("最近计算时间", null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = SubsidyRollQuerySet.as_manager()

    class Meta:
        verbose_name = "月度补贴名单"
        verbose_name_plural = "月度补贴名单"
        permissions = [("approve_subsidyroll", "审核通过或退回补贴名单（区民政部门）")]
        ordering = ["-month", "street__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "month"],
                name="one_roll_per_station_and_month",
                violation_error_message="这个社工站这个月已经有补贴名单了，请打开原名单继续办理。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.month:%Y年%m月}补贴名单"

    def save(self, *args, **kwargs):
        self.month = first_of_month(self.month)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class RollLineQuerySet(StreetScopedQuerySet):
    street_path = "roll__street"


class RollLine(models.Model):
    """One social worker's claim in a roll, computed by the rules (never typed by hand)."""

    roll = models.ForeignKey(
        SubsidyRoll, verbose_name="补贴名单", on_delete=models.CASCADE, related_name="lines"
    )
    worker = models.ForeignKey(
        SocialWorker, verbose_name="社工", on_delete=models.PROTECT, related_name="roll_lines"
    )
    month = models.DateField("补贴月份")
    level_name = models.CharField("适用证书等级", max_length=20)
    post_subsidy = models.PositiveIntegerField("岗位补贴（元）")
    title_subsidy = models.PositiveIntegerField("职称专项补贴（元）")
    project_award = models.PositiveIntegerField("项目专项奖励（元）")
    total = models.PositiveIntegerField("合计（元）")

    history = HistoricalRecords()
    objects = RollLineQuerySet.as_manager()

    class Meta:
        verbose_name = "补贴明细"
        verbose_name_plural = "补贴明细"
        ordering = ["roll", "worker__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "month"],
                name="worker_once_per_month",
                violation_error_message="一名社工每月只能出现在一份补贴名单中。",
            ),
            models.CheckConstraint(
                condition=Q(
                    total=models.F("post_subsidy")
                    + models.F("title_subsidy")
                    + models.F("project_award")
                ),
                name="rollline_total_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker.name} {self.month:%Y年%m月} {self.total}元"
