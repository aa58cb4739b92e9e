"""Service applications: categories and their documents, the case a resident opens, its
timeline, documents and follow-ups, and the deadlines policy staff edit in admin.

Rules (deadlines, transitions) live in services/applications/rules.py; row-level access is
ServiceApplication.objects.for_staff(user).
"""

import datetime as dt
import secrets
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import StreetScopedQuerySet
from bijiang_social.encrypted_fields import BlindIndexField, EncryptedCharField, index_of
from bijiang_social.personal_data import mask_mobile

__all__ = [
    "ReviewPolicy",
    "ServiceCategory",
    "RequiredDocument",
    "ServiceApplication",
    "ApplicationDocument",
    "CaseEvent",
    "FollowUp",
    "CaseNote",
    "Channel",
]

# Unambiguous characters for the random part of a reference number (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_RANDOM_LENGTH = 6


class ReviewPolicy(models.Model):
    """The promised deadlines and the document rules; one row, edited in admin."""

    first_review_working_days = models.PositiveSmallIntegerField(
        "初审时限（工作日）", default=3, help_text="指南：提交后3个工作日内完成初审"
    )
    final_review_working_days = models.PositiveSmallIntegerField(
        "复核时限（工作日）", default=7, help_text="指南：7个工作日内出具复核结果（自提交日起算）"
    )
    contact_hours = models.PositiveSmallIntegerField(
        "联系时限（小时）", default=24, help_text="指南：审核通过后24小时内社工联系申请人"
    )
    visit_interval_months = models.PositiveSmallIntegerField(
        "回访间隔（月）", default=1, help_text="指南：一月一回访"
    )
    evaluation_interval_months = models.PositiveSmallIntegerField(
        "评估间隔（月）", default=3, help_text="指南：一季一评估"
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        "单个材料大小上限（MB）", default=5, help_text="在申请表上告知申请人"
    )
    document_retention_days = models.PositiveIntegerField(
        "材料保存期限（天）",
        default=365,
        help_text="结案（或未通过）超过该天数后，由 apply_retention 命令删除上传的材料并匿名化申请",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "办理时限与材料规则"
        verbose_name_plural = "办理时限与材料规则"

    def __str__(self) -> str:
        return "办理时限与材料规则"

    @classmethod
    def current(cls) -> "ReviewPolicy":
        policy = cls.objects.order_by("id").first()
        return policy if policy is not None else cls()

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024


class ServiceCategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ServiceCategory(models.Model):
    """One of the three service categories (民生兜底, 社区治理, 特殊群体帮扶)."""

    name = models.CharField("类别名称", max_length=30, unique=True)
    slug = models.SlugField("网址标识", max_length=40, unique=True)
    covers = models.CharField("服务内容", max_length=120, help_text="例如 低保核查、临时救助介入")
    channel = models.CharField(
        "受理渠道", max_length=120, help_text="例如 社区居委会或“碧江政务”线上平台"
    )
    allows_declaration = models.BooleanField(
        "可用声明代替部分材料",
        default=False,
        help_text="指南：部分情况可现场填写声明；线上由申请人确认声明内容",
    )
    declaration_text = models.TextField("声明内容", blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("接受申请", default=True)

    history = HistoricalRecords()
    objects = ServiceCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "服务类别"
        verbose_name_plural = "服务类别"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class RequiredDocument(models.Model):
    """A document a category asks for; the apply form has one upload field per row."""

    category = models.ForeignKey(
        ServiceCategory,
        verbose_name="服务类别",
        on_delete=models.CASCADE,
        related_name="documents",
    )
    name = models.CharField("材料名称", max_length=40)
    hint = models.CharField("说明", max_length=120, blank=True)
    can_be_declared = models.BooleanField(
        "无法提供时可用声明代替",
        default=False,
        help_text="仅当服务类别允许声明时有效",
    )
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "所需材料"
        verbose_name_plural = "所需材料"
        ordering = ["category", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"], name="requireddocument_unique_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}：{self.name}"

    @property
    def field_name(self) -> str:
        return f"document_{self.pk}"

    @property
    def declarable(self) -> bool:
        return self.can_be_declared and self.category.allows_declaration


class Status(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    FIRST_PASSED = "first_passed", "初审通过"
    FIRST_FAILED = "first_failed", "初审未通过"
    FINAL_PASSED = "final_passed", "复核通过"
    FINAL_FAILED = "final_failed", "复核未通过"
    ASSIGNED = "assigned", "已分派社工"
    CONTACTED = "contacted", "已联系"
    IN_SERVICE = "in_service", "服务中"
    CLOSED = "closed", "已结案"


FINISHED_STATUSES = (Status.FIRST_FAILED, Status.FINAL_FAILED, Status.CLOSED)
REJECTED_STATUSES = (Status.FIRST_FAILED, Status.FINAL_FAILED)
OPEN_STATUSES = tuple(status for status in Status if status not in FINISHED_STATUSES)


def start_of_tomorrow(now: dt.datetime) -> dt.datetime:
    today = timezone.localdate(now)
    return timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))


class Channel(models.TextChoices):
    ONLINE = "online", "线上申请"
    WALK_IN = "walk_in", "窗口（社工站或居委会）递交"
    PHONE = "phone", "电话申请"


def deadline_text(due: dt.date | dt.datetime | None) -> str:
    """The one way a deadline is shown to staff and residents: the last day, inclusive.

    A date deadline is stored as the start of the next day (``rules.end_of_day``); it reads as
    that last day. A deadline in clock hours (the 24-hour call) keeps its time.
    2026-12-02 00:00 → "2026-12-01（含当日）"; 2026-12-01 14:30 → "2026-12-01 14:30前".
    """
    if due is None:
        return ""
    if isinstance(due, dt.datetime):
        local = timezone.localtime(due)
        if local.time() != dt.time.min:
            return f"{local:%Y-%m-%d %H:%M}前"
        due = local.date() - dt.timedelta(days=1)
    return f"{due:%Y-%m-%d}（含当日）"


class NextStep(NamedTuple):
    label: str
    due: dt.date | dt.datetime | None
    with_time: bool = False

    @property
    def due_text(self) -> str:
        return deadline_text(self.due)


class ServiceApplicationQuerySet(StreetScopedQuerySet):
    """Cases; `for_staff(user)` (accounts.access) keeps a clerk to her street's."""

    def open(self):
        return self.exclude(status__in=FINISHED_STATUSES)

    def overdue(self, now: dt.datetime | None = None):
        now = now or timezone.now()
        return self.open().filter(current_due__lt=now)

    def due_today(self, now: dt.datetime | None = None):
        now = now or timezone.now()
        return self.open().filter(current_due__gte=now, current_due__lte=start_of_tomorrow(now))

    def with_overdue_followups(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.filter(
            status=Status.IN_SERVICE,
            followups__done_on__isnull=True,
            followups__due_on__lt=today,
        ).distinct()

    def closed_before(self, moment: dt.datetime):
        return self.filter(status__in=FINISHED_STATUSES, closed_at__lt=moment)

    def work_queue(self):
        """Open cases first, overdue ones at the top, then by due date; finished ones last."""
        finished = models.Case(
            models.When(status__in=FINISHED_STATUSES, then=models.Value(1)),
            default=models.Value(0),
        )
        return self.alias(finished=finished).order_by(
            "finished", models.F("current_due").asc(nulls_last=True), "-submitted_at", "-id"
        )

    def assigned_to(self, worker_id: int):
        return self.filter(assigned_worker_id=worker_id)

    def unassigned(self):
        return self.open().filter(assigned_worker__isnull=True, social_worker="")

    def phone_ending(self, digits: str):
        return self.filter(mobile_last4_index=index_of(self.model, "mobile_last4_index", digits))


def new_reference(year: int) -> str:
    random_part = "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_RANDOM_LENGTH)
    )
    return f"BJ-{year}-{random_part}"


class ServiceApplication(models.Model):
    """A resident's application and the case staff work on."""

    Status = Status

    reference = models.CharField("受理编号", max_length=20, unique=True, editable=False)
    category = models.ForeignKey(
        ServiceCategory, verbose_name="服务类别", on_delete=models.PROTECT, related_name="cases"
    )
    applicant_name = models.CharField("申请人姓名", max_length=30)
    id_number = EncryptedCharField("身份证号码", max_length=18)
    mobile = EncryptedCharField("手机号码", max_length=11)
    # Staff search and tracking by the mobile's last four digits, without the clear number.
    mobile_last4_index = BlindIndexField(source="mobile", normalise="last4")
    street = models.ForeignKey(
        "accounts.Street", verbose_name="所在街道", on_delete=models.PROTECT, related_name="cases"
    )
    community = models.ForeignKey(
        "services.ServicePoint",
        verbose_name="所在社区",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        limit_choices_to={"level": "community"},
    )
    help_needed = models.TextField("需要的帮助")
    declaration_confirmed = models.BooleanField("已确认声明", default=False)
    consent_at = models.DateTimeField("同意使用个人信息的时间")
    status = models.CharField(
        "办理状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED, editable=False
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    first_review_due = models.DateField("初审截止日期")
    final_review_due = models.DateField("复核截止日期")
    contact_due = models.DateTimeField("联系截止时间", null=True, blank=True)
    current_due = models.DateTimeField(
        "当前环节截止时间", null=True, blank=True, help_text="按当前环节计算，用于逾期提醒"
    )
    channel = models.CharField(
        "受理渠道", max_length=10, choices=Channel.choices, default=Channel.ONLINE, editable=False
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="窗口或电话申请由工作人员代为录入",
    )
    assigned_worker = models.ForeignKey(
        "careers.SocialWorker",
        verbose_name="负责社工（登记）",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="cases",
        help_text="分派时从本街道社工站登记的社工中选择",
    )
    social_worker = models.CharField(
        "负责社工", max_length=30, blank=True, help_text="分派时的姓名；早期个案为手填"
    )
    social_worker_phone = models.CharField("社工联系电话", max_length=30, blank=True)
    contacted_at = models.DateTimeField("实际联系时间", null=True, blank=True)
    rejection_reason = models.TextField("未通过原因", blank=True)
    alternatives = models.TextField(
        "其他可行帮扶途径", blank=True, help_text="每行一条，会告知申请人"
    )
    service_started_at = models.DateTimeField("开始服务时间", null=True, blank=True)
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    documents_removed_at = models.DateTimeField("材料删除时间", null=True, blank=True)
    anonymised_at = models.DateTimeField("匿名化时间", null=True, blank=True)
    is_sample = models.BooleanField(
        "示例数据",
        default=False,
        help_text="演示用的示例个案；一旦有真实个案，数据公开和统计只用真实个案",
    )

    history = HistoricalRecords(
        excluded_fields=[
            "applicant_name",
            "id_number",
            "mobile",
            "mobile_last4_index",
            "help_needed",
        ]
    )
    objects = ServiceApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "服务申请"
        verbose_name_plural = "服务申请"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "current_due"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_rejected(self) -> bool:
        return self.status in REJECTED_STATUSES

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def alternative_list(self) -> list[str]:
        return [line.strip() for line in self.alternatives.splitlines() if line.strip()]

    def next_step(self) -> NextStep | None:
        """What happens next and by when, as promised to the resident; None when finished."""
        if self.status == Status.SUBMITTED:
            return NextStep("完成初审", self.first_review_due)
        if self.status == Status.FIRST_PASSED:
            return NextStep("出具复核结果", self.final_review_due)
        if self.status in (Status.FINAL_PASSED, Status.ASSIGNED):
            return NextStep("社工联系您", self.contact_due, with_time=True)
        if self.status == Status.CONTACTED:
            return NextStep("开始服务", None)
        if self.status == Status.IN_SERVICE and self.current_due:
            due_day = timezone.localdate(self.current_due) - dt.timedelta(days=1)
            return NextStep("下一次回访或评估", due_day)
        return None

    def contact_on_time(self) -> bool | None:
        """Whether the worker called within the promised hours; None before a call is recorded."""
        if self.contacted_at is None or self.contact_due is None:
            return None
        return self.contacted_at <= self.contact_due

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return not self.is_finished and self.current_due is not None and self.current_due < now

    def is_due_today(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            not self.is_finished
            and self.current_due is not None
            and now <= self.current_due <= start_of_tomorrow(now)
        )


def _document_path(instance: "ApplicationDocument", filename: str) -> str:
    # The stored name never contains the resident's file name or personal data.
    suffix = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin"
    )
    return f"applications/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{suffix}"


class ApplicationDocument(models.Model):
    """A document uploaded with an application; stored privately, served only to staff."""

    application = models.ForeignKey(
        ServiceApplication, verbose_name="申请", on_delete=models.CASCADE, related_name="documents"
    )
    requirement = models.ForeignKey(
        RequiredDocument, verbose_name="材料", on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField("材料名称", max_length=40)
    file = models.FileField("文件", upload_to=_document_path, max_length=200, blank=True)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    removed_at = models.DateTimeField("按保存期限删除的时间", null=True, blank=True)

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.application}：{self.name}"

    @property
    def download_name(self) -> str:
        extension = self.file.name.rsplit(".", 1)[-1] if self.file else "bin"
        return f"{self.application.reference}-{self.pk}.{extension}"


class CaseEvent(models.Model):
    """One step of a case's timeline: who moved it to which state, when, with a note."""

    application = models.ForeignKey(
        ServiceApplication, verbose_name="申请", on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField("进入的状态", max_length=20, choices=Status.choices)
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    note = models.TextField("内部备注", blank=True, help_text="仅工作人员可见")
    next_due = models.DateTimeField("下一环节截止时间", null=True, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application} {self.get_status_display()}"


class FollowUpQuerySet(StreetScopedQuerySet):
    street_path = "application__street"

    def pending(self):
        return self.filter(done_on__isnull=True, application__status=Status.IN_SERVICE)

    def overdue(self, today: dt.date | None = None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())


class FollowUp(models.Model):
    """A monthly return visit or a quarterly evaluation (一月一回访、一季一评估)."""

    class Kind(models.TextChoices):
        VISIT = "visit", "月度回访"
        EVALUATION = "evaluation", "季度评估"

    application = models.ForeignKey(
        ServiceApplication, verbose_name="申请", on_delete=models.CASCADE, related_name="followups"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    due_on = models.DateField("应完成日期")
    done_on = models.DateField("完成日期", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    outcome = models.TextField("情况与结果", blank=True)
    next_step = models.TextField("下一步安排", blank=True)
    early_reason = models.TextField(
        "提前记录的原因", blank=True, help_text="在应完成日期之前记录时必填"
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = "回访与评估"
        verbose_name_plural = "回访与评估"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "due_on"], name="followup_unique_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()} {self.due_on:%Y-%m-%d}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.done_on is None and self.due_on < (today or timezone.localdate())


class CaseNote(models.Model):
    """An internal note on a case: staff only, shown in the staff timeline, never to residents."""

    application = models.ForeignKey(
        ServiceApplication, verbose_name="申请", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField("时间", default=timezone.now)
    text = models.TextField("内容")

    class Meta:
        verbose_name = "内部备注"
        verbose_name_plural = "内部备注"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application}：{self.text[:20]}"
