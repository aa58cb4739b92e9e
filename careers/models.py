"""Careers: the subsidy policy (levels, amounts), the promotion ladder and its June window,
training channels and sessions with sign-up, social workers and the monthly subsidy roll.

Every amount and threshold is a row edited in admin; the rules that use them are plain
functions in careers/rules.py.
"""

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Greatest
from simple_history.models import HistoricalRecords

from accounts.access import StreetScopedQuerySet
from accounts.models import Street
from bijiang_social.encrypted_fields import BlindIndexField, EncryptedCharField
from bijiang_social.personal_data import (
    mask_mobile,
    normalise_mobile,
    normalise_resident_id,
    validate_mobile,
    validate_resident_id,
)


def normalise_bank_account(value: str) -> str:
    """Spaces and dashes typed to group the digits are dropped; full-width digits become ASCII."""
    import unicodedata

    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value or ""))


def validate_bank_account(value: str) -> None:
    if not re.fullmatch(r"[0-9]{12,30}", normalise_bank_account(value)):
        raise ValidationError(
            "银行账号应为12至30位数字（可带空格分组），请对照银行卡核对后重新填写。",
            code="bank_account",
        )


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
    hours = models.DecimalField(
        "学时（小时）",
        max_digits=4,
        decimal_places=1,
        default=Decimal("3"),
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text="出勤的社工计入的培训时长",
    )

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
    phone = EncryptedCharField("手机号码", max_length=11, validators=[validate_mobile])
    phone_index = BlindIndexField(source="phone")  # once per session and phone, admin search
    created_at = models.DateTimeField("报名时间", auto_now_add=True)

    class Meta:
        verbose_name = "培训报名"
        verbose_name_plural = "培训报名"
        ordering = ["session", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "phone_index"],
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
    phone = EncryptedCharField(
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
    is_active = models.BooleanField(
        "在岗", default=True, help_text="取消勾选（不在岗）后，社工的账号立即停用，记录保留"
    )
    started_on = models.DateField(
        "从业起始日期", null=True, blank=True, help_text="用于计算任职年限（晋升条件）"
    )
    id_number = EncryptedCharField(
        "身份证号码",
        max_length=18,
        blank=True,
        validators=[validate_resident_id],
        help_text="补贴发放用；导出时只有具备个人信息导出权限的人员看到完整号码",
    )
    bank_name = models.CharField("开户银行", max_length=40, blank=True)
    bank_account = EncryptedCharField(
        "银行账号", max_length=30, blank=True, validators=[validate_bank_account]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="平台账号",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_worker",
        editable=False,
    )

    objects = SocialWorkerQuerySet.as_manager()

    class Meta:
        verbose_name = "社工"
        verbose_name_plural = "社工"
        ordering = ["street__order", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.street}）"

    def save(self, *args, **kwargs):
        self.id_number = normalise_resident_id(self.id_number)
        self.bank_account = normalise_bank_account(self.bank_account)
        super().save(*args, **kwargs)
        if self.user_id:
            # 不在岗: her account stops working at once (and any open session with it);
            # back at work, it works again.
            get_user_model().objects.filter(pk=self.user_id).exclude(
                is_active=self.is_active
            ).update(is_active=self.is_active)

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


# --- Social workers online: accounts, training hours, courses, lectures, supervision ---------


class WorkerInvitation(models.Model):
    """A one-time link a station clerk gives a social worker: to open her account or, once she
    has one, to set a new password she has forgotten.

    Only a hash of the token is stored; the link itself is shown once to the clerk.
    """

    class Purpose(models.TextChoices):
        ACTIVATION = "activation", "激活链接"
        PASSWORD_RESET = "password_reset", "重设密码链接"

    worker = models.ForeignKey(
        SocialWorker, verbose_name="社工", on_delete=models.CASCADE, related_name="invitations"
    )
    purpose = models.CharField(
        "用途", max_length=20, choices=Purpose.choices, default=Purpose.ACTIVATION
    )
    token_hash = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    expires_at = models.DateTimeField("有效期至")
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "社工账号邀请"
        verbose_name_plural = "社工账号邀请"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.worker.name}的{self.get_purpose_display()}（{self.created_at:%Y-%m-%d}）"


class TrainingTarget(models.Model):
    """The yearly training hours a role must reach (年度培训达标时长)."""

    role = models.CharField("岗位", max_length=20, choices=Role.choices, unique=True)
    yearly_hours = models.DecimalField(
        "年度培训目标（小时）",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度培训目标"
        verbose_name_plural = "年度培训目标"
        ordering = ["role"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：每年{format_years(self.yearly_hours)}小时"


class SessionAttendanceQuerySet(StreetScopedQuerySet):
    street_path = "worker__street"


class SessionAttendance(models.Model):
    """A social worker attended an offline training session (marked by staff afterwards)."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name="培训场次",
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    worker = models.ForeignKey(
        SocialWorker,
        verbose_name="社工",
        on_delete=models.CASCADE,
        related_name="session_attendances",
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SessionAttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = "线下培训出勤"
        verbose_name_plural = "线下培训出勤"
        ordering = ["session", "worker"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "worker"],
                name="attendance_once_per_session_and_worker",
                violation_error_message="这位社工的这一场出勤已经登记过了。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker.name} · {self.session.topic}"


class Course(models.Model):
    """A recorded course (录播课) made of video lessons."""

    title = models.CharField("课程名称", max_length=80)
    description = models.TextField("课程简介", blank=True)
    is_published = models.BooleanField("对社工开放", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "录播课程"
        verbose_name_plural = "录播课程"
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title


def _private_name(folder: str, suffix: str) -> str:
    import secrets

    from django.utils import timezone

    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{suffix}"


def _video_path(instance: "Lesson", filename: str) -> str:
    # Never the uploader's file name; the suffix follows the checked content type.
    return _private_name("courses", "webm" if instance.video_type == "video/webm" else "mp4")


def _handout_path(instance, filename: str) -> str:
    return _private_name("handouts", "pdf")


class Lesson(models.Model):
    """One video lesson; the file is private and reached only through the worker's video view."""

    course = models.ForeignKey(
        Course, verbose_name="课程", on_delete=models.CASCADE, related_name="lessons"
    )
    title = models.CharField("课时名称", max_length=80)
    order = models.PositiveSmallIntegerField("顺序", default=1)
    video = models.FileField("视频文件（MP4 或 WebM）", upload_to=_video_path, max_length=200)
    video_type = models.CharField("视频格式", max_length=20, editable=False)
    duration_seconds = models.PositiveIntegerField("时长（秒）", editable=False)
    handout = models.FileField(
        "讲义（PDF，可选）", upload_to=_handout_path, max_length=200, blank=True
    )

    class Meta:
        verbose_name = "课时"
        verbose_name_plural = "课时"
        ordering = ["course", "order", "id"]

    def __str__(self) -> str:
        return f"{self.course.title} · {self.title}"

    @property
    def duration_text(self) -> str:
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes}分{seconds:02d}秒" if minutes else f"{seconds}秒"


class LessonProgress(models.Model):
    """What one worker has watched of one lesson: the union of the played stretches.

    `watched` is a list of [start, end] seconds, merged; credited time is its length capped at
    the lesson's duration, so watching a part twice or skipping ahead never adds time.
    """

    worker = models.ForeignKey(
        SocialWorker, verbose_name="社工", on_delete=models.CASCADE, related_name="progress"
    )
    lesson = models.ForeignKey(
        Lesson, verbose_name="课时", on_delete=models.CASCADE, related_name="progress"
    )
    watched = models.JSONField("已观看片段（秒）", default=list)
    position = models.PositiveIntegerField("上次看到（秒）", default=0)
    credited_seconds = models.PositiveIntegerField("计入学时（秒）", default=0)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True)
    updated_at = models.DateTimeField("最近观看", auto_now=True)

    class Meta:
        verbose_name = "学习进度"
        verbose_name_plural = "学习进度"
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "lesson"], name="progress_once_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.worker.name} · {self.lesson}"


class LiveLectureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class LiveLecture(models.Model):
    """A live lecture (直播专题讲座) held on an external meeting service."""

    title = models.CharField("讲座主题", max_length=80)
    speaker = models.CharField("主讲人", max_length=40)
    starts_at = models.DateTimeField("开始时间")
    duration_minutes = models.PositiveSmallIntegerField(
        "时长（分钟）", default=90, validators=[MinValueValidator(10)]
    )
    meeting_url = models.URLField(
        "会议链接", help_text="外部会议服务的入会链接；开讲前30分钟起向已登录社工显示"
    )
    checkin_code = models.CharField(
        "签到码",
        max_length=12,
        help_text="讲座中由主讲人或主持人公布，社工在平台输入后计入学时",
    )
    recording = models.ForeignKey(
        Course,
        verbose_name="回放课程",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="讲座结束后上传的回放，作为录播课程供社工学习",
    )
    is_published = models.BooleanField("向社工显示", default=True)

    objects = LiveLectureQuerySet.as_manager()

    class Meta:
        verbose_name = "直播专题讲座"
        verbose_name_plural = "直播专题讲座"
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{timezone.localtime(self.starts_at):%Y-%m-%d} {self.title}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)


class LectureAttendance(models.Model):
    """A worker checked in to a live lecture with its code."""

    lecture = models.ForeignKey(
        LiveLecture, verbose_name="讲座", on_delete=models.CASCADE, related_name="attendances"
    )
    worker = models.ForeignKey(
        SocialWorker,
        verbose_name="社工",
        on_delete=models.CASCADE,
        related_name="lecture_attendances",
    )
    checked_in_at = models.DateTimeField("签到时间", auto_now_add=True)

    class Meta:
        verbose_name = "讲座签到"
        verbose_name_plural = "讲座签到"
        ordering = ["-checked_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["lecture", "worker"], name="checkin_once_per_lecture")
        ]

    def __str__(self) -> str:
        return f"{self.worker.name} · {self.lecture.title}"


class SupervisionRecordQuerySet(StreetScopedQuerySet):
    street_path = "worker__street"


class SupervisionRecord(models.Model):
    """A one-to-one supervision session (督导), confirmed afterwards by the worker."""

    class Source(models.TextChoices):
        SENIOR = "senior", "资深督导（本区社工）"
        ASSOCIATION = "association", "碧江区社会工作行业协会"
        UNIVERSITY = "university", "铜仁学院社会工作系"

    worker = models.ForeignKey(
        SocialWorker, verbose_name="社工", on_delete=models.CASCADE, related_name="supervisions"
    )
    source = models.CharField("督导来源", max_length=20, choices=Source.choices)
    supervisor_name = models.CharField("督导姓名", max_length=30)
    held_on = models.DateField("督导日期")
    minutes = models.PositiveSmallIntegerField(
        "时长（分钟）", validators=[MinValueValidator(10), MaxValueValidator(480)]
    )
    topic = models.CharField("主题", max_length=120)
    follow_up = models.TextField("后续行动", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("社工确认时间", null=True, blank=True)

    objects = SupervisionRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "督导记录"
        verbose_name_plural = "督导记录"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.worker.name} {self.held_on:%Y-%m-%d} {self.topic}"


def _achievement_path(instance, filename: str) -> str:
    return _private_name("achievements", "pdf")


class Achievement(models.Model):
    """A professional achievement (专业成果) a worker records for her promotion."""

    class Kind(models.TextChoices):
        CASE = "case", "优秀个案"
        REPORT = "report", "项目报告"
        PAPER = "paper", "论文"
        AWARD = "award", "获奖"
        OTHER = "other", "其他"

    worker = models.ForeignKey(
        SocialWorker, verbose_name="社工", on_delete=models.CASCADE, related_name="achievements"
    )
    title = models.CharField("成果名称", max_length=80)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    achieved_on = models.DateField("日期")
    file = models.FileField("证明材料（PDF）", upload_to=_achievement_path, max_length=200)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "专业成果"
        verbose_name_plural = "专业成果"
        ordering = ["-achieved_on", "-id"]

    def __str__(self) -> str:
        return f"{self.worker.name}：{self.title}"


class PromotionApplicationQuerySet(StreetScopedQuerySet):
    street_path = "worker__street"


class PromotionApplication(models.Model):
    """A June promotion application: the worker applies, her station forwards or returns it,
    the bureau (district hub) approves or rejects it; an approval takes effect next month."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "已提交，待社工站审核"
        RETURNED = "returned", "社工站已退回"
        FORWARDED = "forwarded", "社工站已报送，待民政部门审核"
        APPROVED = "approved", "民政部门已批准"
        REJECTED = "rejected", "民政部门未批准"

    worker = models.ForeignKey(
        SocialWorker,
        verbose_name="社工",
        on_delete=models.PROTECT,
        related_name="promotion_applications",
    )
    year = models.PositiveSmallIntegerField("申请年度")
    from_role = models.CharField("现任岗位", max_length=20, choices=Role.choices)
    to_role = models.CharField("申请晋升为", max_length=20, choices=Role.choices)
    years = models.DecimalField("任职年限（年）", max_digits=4, decimal_places=1)
    key_projects = models.PositiveSmallIntegerField("参与重点项目（个）")
    level_name = models.CharField("证书等级", max_length=20)
    training_hours = models.DecimalField("本年度培训时长（小时）", max_digits=6, decimal_places=1)
    achievements = models.ManyToManyField(Achievement, verbose_name="专业成果", blank=True)
    statement = models.TextField("个人陈述")
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField("提交时间")
    station_at = models.DateTimeField("社工站处理时间", null=True, blank=True)
    station_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="社工站处理人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("民政部门审核时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="民政部门审核人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField("退回或未批准的原因", blank=True)
    effective_from = models.DateField("新岗位生效日期", null=True, blank=True)
    applied_at = models.DateTimeField("岗位已变更时间", null=True, blank=True)

    history = HistoricalRecords()
    objects = PromotionApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "晋升申请"
        verbose_name_plural = "晋升申请"
        ordering = ["-submitted_at"]
        permissions = [
            ("forward_promotionapplication", "报送或退回晋升申请（街道社工站）"),
            ("decide_promotionapplication", "批准或不批准晋升申请（区民政部门）"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "year"],
                name="promotion_once_per_worker_and_year",
                violation_error_message="每年只能提交一份晋升申请。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker.name} {self.year}年晋升申请（{self.get_to_role_display()}）"
