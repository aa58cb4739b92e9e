"""A recruitment round (招聘年度), its timeline, its posts, the candidates' scores and the
publication of the ranked admission list. A new year is a new RecruitmentRound row."""

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bijiang_social.encrypted_fields import BlindIndexField, EncryptedCharField, index_of
from bijiang_social.personal_data import mask_id_number, mask_name, validate_resident_id
from recruitment.rules import (
    Applicant,
    Education,
    Ranked,
    ScoringRules,
    SocialWorkLevel,
    fmt,
    notice_period,
    rank_post,
)

SCORE_FIELD = {"max_digits": 5, "decimal_places": 2}


class RoundQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def current(self):
        """The round residents see at /recruitment/: the latest public year."""
        return self.public().order_by("-year").first()


class RecruitmentRound(models.Model):
    year = models.PositiveSmallIntegerField(
        "招聘年度", unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField("标题", max_length=60, help_text="例如 2024年社工招聘指南")
    intro = models.TextField("导语", blank=True)
    is_public = models.BooleanField("公开显示", default=True)
    basic_education = models.PositiveSmallIntegerField(
        "基本学历要求", choices=Education.choices, default=Education.COLLEGE
    )
    registration_channels = models.CharField(
        "报名入口", max_length=200, help_text="例如 碧江区人民政府官网、“碧江民政”微信公众号"
    )
    registration_requirements = models.CharField(
        "报名要求", max_length=200, blank=True, help_text="例如 注册账号并如实填写个人信息"
    )
    certificate_bonus = models.DecimalField("持社工证笔试加分", default=Decimal("5"), **SCORE_FIELD)
    bonus_may_exceed_full_marks = models.BooleanField(
        "加分后可超过满分",
        default=False,
        help_text="不勾选：加分后笔试成绩最高按满分计（例如 98+5 按100分计）",
    )
    certificate_interview_note = models.CharField(
        "持证者面试优待", max_length=120, default="面试时同等条件下优先录用"
    )
    written_subjects = models.CharField("笔试内容", max_length=200)
    written_question_types = models.CharField("笔试题型", max_length=100)
    written_full_marks = models.DecimalField("笔试满分", default=Decimal("100"), **SCORE_FIELD)
    written_pass_mark = models.DecimalField("笔试合格线", default=Decimal("60"), **SCORE_FIELD)
    interview_format = models.CharField("面试形式", max_length=200)
    interview_content = models.TextField("面试内容")
    interview_full_marks = models.DecimalField("面试满分", default=Decimal("100"), **SCORE_FIELD)
    interview_pass_mark = models.DecimalField(
        "面试淘汰线", default=Decimal("70"), help_text="面试低于此分直接淘汰", **SCORE_FIELD
    )
    written_weight_percent = models.PositiveSmallIntegerField(
        "笔试占综合成绩（%）", default=40, validators=[MaxValueValidator(100)]
    )
    interview_weight_percent = models.PositiveSmallIntegerField(
        "面试占综合成绩（%）", default=60, validators=[MaxValueValidator(100)]
    )
    notice_working_days = models.PositiveSmallIntegerField(
        "公示期（工作日）", default=3, validators=[MinValueValidator(1)]
    )
    publication_channel = models.CharField(
        "名单公示渠道", max_length=100, help_text="例如 “碧江民政”微信公众号"
    )
    results_expected = models.CharField(
        "名单预计公布时间", max_length=100, default="待公布", help_text="名单公布前显示"
    )
    bureau_name = models.CharField("受理异议单位", max_length=60, default="碧江区民政局社工科")
    bureau_address = models.CharField("异议受理地址", max_length=120)
    bureau_phone = models.CharField("异议受理电话", max_length=30)
    contact_is_sample = models.BooleanField(
        "联系方式为示例数据", default=True, help_text="核实真实电话和地址后取消勾选"
    )
    results_published_at = models.DateTimeField("名单发布时间", null=True, blank=True)
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="名单发布人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    seats_per_room = models.PositiveSmallIntegerField(
        "每个考场座位数", default=30, validators=[MinValueValidator(1)]
    )
    tickets_released_at = models.DateTimeField(
        "准考证开放打印时间", null=True, blank=True, help_text="生成准考证号和座位后在后台开放"
    )
    scores_published_at = models.DateTimeField(
        "成绩开放查询时间", null=True, blank=True, help_text="留空：考生不能查询成绩"
    )
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    history = HistoricalRecords()
    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = "招聘年度"
        verbose_name_plural = "招聘年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年社工招聘"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:round", args=[self.year])

    @property
    def rules(self) -> ScoringRules:
        return ScoringRules(
            full_marks=self.written_full_marks,
            written_pass_mark=self.written_pass_mark,
            certificate_bonus=self.certificate_bonus,
            bonus_may_exceed_full_marks=self.bonus_may_exceed_full_marks,
            interview_pass_mark=self.interview_pass_mark,
            written_weight=Decimal(self.written_weight_percent) / 100,
            interview_weight=Decimal(self.interview_weight_percent) / 100,
        )

    @property
    def is_published(self) -> bool:
        return self.results_published_at is not None

    def registration_counts(self) -> list[dict]:
        """已报名 (submitted at least once) / 审查通过 / 招聘人数 for every post (one query)."""
        real = models.Q(registrations__account__is_sample=False)
        submitted = real & ~models.Q(registrations__status="draft")
        approved = real & models.Q(registrations__status__in=APPROVED_STATES)
        posts = self.posts.annotate(
            registered=models.Count("registrations", filter=submitted),
            approved=models.Count("registrations", filter=approved),
        )
        return [
            {
                "name": post.name,
                "places": post.places,
                "registered": post.registered,
                "approved": post.approved,
            }
            for post in posts
        ]

    def step(self, kind: str) -> "TimelineStep | None":
        """The round's timeline step of this kind (uses the prefetched steps when there)."""
        return next((step for step in self.steps.all() if step.kind == kind), None)

    def registration_window(self) -> tuple[dt.datetime, dt.datetime] | None:
        """From the first day 00:00 to the day after the last day 00:00, Beijing time."""
        step = self.step(TimelineStep.Kind.REGISTRATION)
        return step.window() if step else None

    def registration_state(self, now: dt.datetime | None = None) -> str:
        """ "open", "before", "after" or "unknown" (no dated registration step)."""
        window = self.registration_window()
        if window is None:
            return "unknown"
        now = now or timezone.now()
        if now < window[0]:
            return "before"
        return "open" if now < window[1] else "after"

    def notice_period(self) -> tuple[dt.date, dt.date] | None:
        if not self.results_published_at:
            return None
        published_on = timezone.localdate(self.results_published_at)
        return notice_period(published_on, self.notice_working_days)

    def ranked_posts(self) -> list[tuple["Post", list[Ranked]]]:
        """Every post of the round with its ranked candidates (two queries)."""
        posts = list(self.posts.all())
        by_post: dict[int, list[Candidate]] = {post.pk: [] for post in posts}
        for candidate in Candidate.objects.filter(round=self):
            by_post.setdefault(candidate.post_id, []).append(candidate)
        rules = self.rules
        return [(post, rank_post(by_post[post.pk], post.places, rules)) for post in posts]

    @transaction.atomic
    def publish_results(self, user) -> None:
        self.results_published_at = timezone.now()
        self.results_published_by = user
        self.save(update_fields=["results_published_at", "results_published_by", "updated_at"])
        PublicationLog.objects.create(round=self, action=PublicationLog.Action.PUBLISH, user=user)

    @transaction.atomic
    def unpublish_results(self, user, note: str = "") -> None:
        self.results_published_at = None
        self.results_published_by = None
        self.save(update_fields=["results_published_at", "results_published_by", "updated_at"])
        PublicationLog.objects.create(
            round=self, action=PublicationLog.Action.UNPUBLISH, user=user, note=note
        )


class TimelineStep(models.Model):
    class State(models.TextChoices):
        PAST = "past", "已结束"
        CURRENT = "current", "进行中"
        UPCOMING = "upcoming", "未开始"
        TBA = "tba", "时间待公布"

    class Kind(models.TextChoices):
        OTHER = "", "其他"
        REGISTRATION = "registration", "网上报名（报名表只在此期间可填写和修改）"
        REVIEW = "review", "资格审核（原件核验）"
        TICKET = "ticket", "准考证打印"
        WRITTEN = "written", "笔试"
        INTERVIEW = "interview", "面试"
        MEDICAL = "medical", "体检"
        POLITICAL = "political", "政审"
        NOTICE = "notice", "公示"
        ONBOARDING = "onboarding", "入职"

    round = models.ForeignKey(
        RecruitmentRound, verbose_name="招聘年度", on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)
    title = models.CharField("环节", max_length=40)
    kind = models.CharField(
        "环节类型",
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text="网上报名的日期决定考生何时可以填写报名表；笔试的日期、地点印在准考证上",
    )
    starts_on = models.DateField("开始日期", null=True, blank=True, help_text="未公布时留空")
    ends_on = models.DateField("结束日期", null=True, blank=True, help_text="只有一天时可留空")
    place = models.CharField("地点", max_length=100, blank=True)
    details = models.TextField("说明", blank=True, help_text="要做什么、带什么")
    is_sample = models.BooleanField("日期为示例数据", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "招聘环节"
        verbose_name_plural = "招聘环节"
        ordering = ["round", "order", "id"]

    def __str__(self) -> str:
        return f"{self.round.year}年 {self.title}"

    @property
    def last_day(self) -> dt.date | None:
        return self.ends_on or self.starts_on

    def window(self) -> tuple[dt.datetime, dt.datetime] | None:
        """The step as moments: its first day 00:00 to the day after its last day 00:00."""
        if self.starts_on is None:
            return None
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(self.starts_on, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(self.last_day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return start, end

    def state(self, today: dt.date) -> str:
        if self.starts_on is None:
            return self.State.TBA
        if today < self.starts_on:
            return self.State.UPCOMING
        if today > self.last_day:
            return self.State.PAST
        return self.State.CURRENT


class Post(models.Model):
    round = models.ForeignKey(
        RecruitmentRound, verbose_name="招聘年度", on_delete=models.CASCADE, related_name="posts"
    )
    name = models.CharField("岗位名称", max_length=40)
    order = models.PositiveSmallIntegerField("排序", default=0)
    places = models.PositiveSmallIntegerField("招聘人数", validators=[MinValueValidator(1)])
    places_is_sample = models.BooleanField(
        "招聘人数为示例数据", default=True, help_text="指南未给出人数；核实后取消勾选"
    )
    duties = models.CharField("岗位说明", max_length=200, blank=True)
    min_education = models.PositiveSmallIntegerField(
        "最低学历", choices=Education.choices, default=Education.COLLEGE
    )
    relaxed_min_education = models.PositiveSmallIntegerField(
        "破格学历",
        choices=Education.choices,
        null=True,
        blank=True,
        help_text="特殊岗位放宽后的学历，例如 中专；没有放宽时留空",
    )
    relaxed_needs_eldercare_certificate = models.BooleanField("破格需持养老护理员证", default=False)
    requires_local_ties = models.BooleanField(
        "要求本地户籍或基层经验",
        default=False,
        help_text="碧江区本地户籍，或满下列年限的基层服务经验",
    )
    min_grassroots_years = models.DecimalField(
        "基层服务经验（年）", max_digits=4, decimal_places=1, default=Decimal("1")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "招聘岗位"
        verbose_name_plural = "招聘岗位"
        ordering = ["round", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="recruitment_post_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.round.year}年 {self.name}"

    @property
    def education_requirement(self) -> str:
        text = f"{self.get_min_education_display()}及以上"
        if self.relaxed_min_education is not None:
            certificate = "持养老护理员证的" if self.relaxed_needs_eldercare_certificate else ""
            text += f"；{certificate}{self.get_relaxed_min_education_display()}学历可破格报名"
        return text

    @property
    def local_requirement(self) -> str:
        if not self.requires_local_ties:
            return ""
        return f"碧江区本地户籍，或{fmt(self.min_grassroots_years)}年以上基层服务经验"


class CandidateQuerySet(models.QuerySet):
    def for_round(self, round_):
        return self.filter(round=round_).select_related("post")


class Candidate(models.Model):
    round = models.ForeignKey(
        RecruitmentRound,
        verbose_name="招聘年度",
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    post = models.ForeignKey(
        Post, verbose_name="报考岗位", on_delete=models.PROTECT, related_name="candidates"
    )
    name = models.CharField("姓名", max_length=30)
    id_number = EncryptedCharField("身份证号", max_length=18, validators=[validate_resident_id])
    id_number_index = BlindIndexField(source="id_number", normalise="upper")
    certified = models.BooleanField("持全国社工职业水平证书", default=False)
    written_score = models.DecimalField("笔试成绩（原始分）", **SCORE_FIELD)
    interview_score = models.DecimalField(
        "面试成绩", null=True, blank=True, help_text="未参加面试时留空", **SCORE_FIELD
    )
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    history = HistoricalRecords(excluded_fields=["id_number", "id_number_index"])
    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = "考生成绩"
        verbose_name_plural = "考生成绩"
        ordering = ["round", "post", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "id_number_index"], name="recruitment_candidate_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{mask_name(self.name)}（{self.masked_id}）"

    def clean(self) -> None:
        if self.post_id and self.round_id and self.post.round_id != self.round_id:
            raise ValidationError({"post": "所选岗位不属于该招聘年度，请选择同一年度的岗位。"})

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number, keep_start=4, keep_end=2)


class PublicationLog(models.Model):
    class Action(models.TextChoices):
        PUBLISH = "publish", "发布录用名单"
        UNPUBLISH = "unpublish", "撤回录用名单"

    round = models.ForeignKey(
        RecruitmentRound,
        verbose_name="招聘年度",
        on_delete=models.CASCADE,
        related_name="publication_logs",
    )
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("操作时间", default=timezone.now)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "名单发布记录"
        verbose_name_plural = "名单发布记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.round.year}年 {self.get_action_display()}（{self.at:%Y-%m-%d %H:%M}）"


# --- Online registration (网上报名) ----------------------------------------------------------


def candidate_username(id_number: str) -> str:
    """A candidate's user name: derived from her ID number's blind index, so the number is not
    in auth_user in clear, and log-in by ID number finds her (CandidateLoginForm)."""
    return "id-" + index_of(CandidateAccount, "id_number_index", id_number)[:40]


class CandidateAccount(models.Model):
    """A candidate's account: an ordinary user (never staff) with her name, ID and mobile.
    One account per ID number; the user name is `candidate_username(id_number)`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="candidate_account",
    )
    name = models.CharField("姓名", max_length=30)
    id_number = EncryptedCharField("身份证号", max_length=18, validators=[validate_resident_id])
    # One account per ID number, and log-in by ID number, through the index.
    id_number_index = BlindIndexField(source="id_number", normalise="upper", unique=True)
    mobile = EncryptedCharField("手机号码", max_length=11)
    created_at = models.DateTimeField("注册时间", default=timezone.now)
    is_sample = models.BooleanField(
        "示例数据", default=False, help_text="演示用的示例考生，不计入公开的报名人数"
    )

    class Meta:
        verbose_name = "考生账号"
        verbose_name_plural = "考生账号"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{mask_name(self.name)}（{mask_id_number(self.id_number, 4, 2)}）"


def _private_upload(instance: "Registration", filename: str) -> str:
    # The stored name never contains the candidate's file name or personal data.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    suffix = suffix if suffix in {"pdf", "jpg", "png"} else "bin"
    return f"recruitment/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{suffix}"


class RegistrationQuerySet(models.QuerySet):
    def of(self, user):
        """A candidate's own registrations: the one way a candidate reaches a registration."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(account__user=user)

    def counted(self):
        """Registrations that count as 已报名 on the public page (submitted at least once)."""
        return self.exclude(status=Registration.Status.DRAFT)


class Registration(models.Model):
    """One candidate's registration form (报名表) for one post of a round, and its progress."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交，待资格审查"
        RETURNED = "returned", "退回修改"
        APPROVED = "approved", "审查通过"
        REJECTED = "rejected", "审查不通过"
        MEDICAL = "medical", "体检"
        POLITICAL = "political", "政审"
        PROPOSED = "proposed", "拟录用（公示中）"
        HIRED = "hired", "录用"
        NOT_HIRED = "not_hired", "未录用"

    class Check(models.TextChoices):
        PENDING = "", "未进行"
        PASSED = "passed", "合格"
        FAILED = "failed", "不合格"

    round = models.ForeignKey(
        RecruitmentRound,
        verbose_name="招聘年度",
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    account = models.ForeignKey(
        CandidateAccount,
        verbose_name="考生账号",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    post = models.ForeignKey(
        Post, verbose_name="报考岗位", on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Personal details
    name = models.CharField("姓名", max_length=30)
    id_number = EncryptedCharField("身份证号", max_length=18)
    id_number_index = BlindIndexField(source="id_number", normalise="upper")  # score look-up
    mobile = EncryptedCharField("手机号码", max_length=11)
    # Education
    education = models.PositiveSmallIntegerField(
        "最高学历", choices=Education.choices, null=True, blank=True
    )
    school = models.CharField("毕业院校", max_length=60, blank=True)
    major = models.CharField("专业", max_length=60, blank=True)
    graduated_on = models.DateField("毕业时间", null=True, blank=True)
    # Certificates and ties
    social_work_level = models.CharField(
        "社工证等级", max_length=20, choices=SocialWorkLevel.choices, default=SocialWorkLevel.NONE
    )
    certificate_number = models.CharField("社工证编号", max_length=40, blank=True)
    certificate_date = models.DateField("社工证取得时间", null=True, blank=True)
    has_eldercare_certificate = models.BooleanField("持养老护理员证", default=False)
    is_local = models.BooleanField("碧江区户籍", default=False)
    grassroots_years = models.DecimalField(
        "基层服务经验（年）", max_digits=4, decimal_places=1, default=Decimal(0)
    )
    work_history = models.TextField("工作经历", blank=True)
    # Documents (private storage; only permission-checked views read them)
    photo = models.FileField("证件照", upload_to=_private_upload, max_length=200, blank=True)
    diploma = models.FileField(
        "学历证书扫描件", upload_to=_private_upload, max_length=200, blank=True
    )
    certificates = models.FileField(
        "资格证书扫描件", upload_to=_private_upload, max_length=200, blank=True
    )
    # Review
    reason = models.CharField("审查意见", max_length=200, blank=True)
    originals_checked_at = models.DateTimeField("原件核验时间", null=True, blank=True)
    # Exam
    exam_number = models.CharField("准考证号", max_length=20, blank=True, db_index=True)
    room = models.CharField("考场", max_length=20, blank=True)
    seat = models.PositiveSmallIntegerField("座位号", null=True, blank=True)
    scores = models.OneToOneField(
        Candidate,
        verbose_name="成绩",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registration",
    )
    medical = models.CharField("体检结果", max_length=8, choices=Check.choices, blank=True)
    political = models.CharField("政审结果", max_length=8, choices=Check.choices, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "报名表"
        verbose_name_plural = "报名表（资格审查）"
        ordering = ["round", "post", "exam_number", "id"]
        permissions = [("review_registration", "资格审查（通过、退回、不通过）")]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "account"], name="recruitment_registration_once_per_round"
            ),
            models.UniqueConstraint(
                fields=["round", "exam_number"],
                condition=~models.Q(exam_number=""),
                name="recruitment_registration_unique_exam_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round.year}年 {mask_name(self.name)} · {self.post.name}"

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number, keep_start=4, keep_end=2)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def is_editable_state(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def has_ticket(self) -> bool:
        return bool(
            self.exam_number and self.round.tickets_released_at and self.status_allows_ticket
        )

    @property
    def status_allows_ticket(self) -> bool:
        return self.status not in (
            self.Status.DRAFT,
            self.Status.SUBMITTED,
            self.Status.RETURNED,
            self.Status.REJECTED,
        )

    def applicant(self) -> Applicant:
        return Applicant(
            education=self.education or 0,
            social_work_level=self.social_work_level,
            has_eldercare_certificate=self.has_eldercare_certificate,
            is_local=self.is_local,
            grassroots_years=self.grassroots_years,
        )

    def documents(self) -> list[tuple[str, str, object]]:
        """(key, label, file) of every document the candidate has uploaded."""
        return [
            (key, self._meta.get_field(key).verbose_name, getattr(self, key))
            for key in DOCUMENT_FIELDS
            if getattr(self, key)
        ]


DOCUMENT_FIELDS = ("photo", "diploma", "certificates")
# Passed the review, whatever happened after.
APPROVED_STATES = ("approved", "medical", "political", "proposed", "hired", "not_hired")


class RegistrationEvent(models.Model):
    """One dated entry of a registration's history, as the candidate sees it on 我的报名."""

    registration = models.ForeignKey(
        Registration, verbose_name="报名表", on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField("状态", max_length=12, choices=Registration.Status.choices)
    title = models.CharField("事项", max_length=60)
    note = models.CharField("说明", max_length=200, blank=True)
    at = models.DateTimeField("时间", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "报名进度"
        verbose_name_plural = "报名进度"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.title}（{self.at:%Y-%m-%d %H:%M}）"
