"""Who people are in the portal's organisation: the district's streets (the unit every
member of staff is scoped to), which street a member of staff works for, and the record of
exports of personal data. The domain apps point at these; this app points at none of them."""

from functools import reduce
from operator import and_

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.access import StreetScopedQuerySet


class StreetQuerySet(StreetScopedQuerySet):
    street_path = ""  # a street is its own scope

    def search(self, query: str):
        """Streets whose name contains the whole query, or every word of it (环北, 环北街道)."""
        words = query.split()
        if not words:
            return self.none()
        return self.filter(reduce(and_, (models.Q(name__icontains=word) for word in words)))


class Street(models.Model):
    """A street (街道) of Bijiang District; each has one social-work station."""

    name = models.CharField("街道名称", max_length=30, unique=True, help_text="例如 环北街道")
    short_name = models.CharField("简称", max_length=10, help_text="例如 环北，用于搜索")
    slug = models.SlugField("网址标识", max_length=40, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_verified = models.BooleanField(
        "信息已核实", default=False, help_text="未勾选时，页面会标注“示例数据”"
    )

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = "街道"
        verbose_name_plural = "街道"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:street", args=[self.slug])


class StaffProfile(models.Model):
    """Which street a member of civil-affairs staff works for; the district hub sees all streets."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    street = models.ForeignKey(
        "accounts.Street",
        verbose_name="所属街道社工站",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="街道工作人员只能查看和处理本街道的事项",
    )
    is_district_hub = models.BooleanField(
        "区社工总站人员", default=False, help_text="勾选后可查看全部街道的事项"
    )

    class Meta:
        verbose_name = "工作人员归属"
        verbose_name_plural = "工作人员归属"
        permissions = [
            ("export_personal_data", "查看和导出完整的身份证号、手机号和银行账号（本人可及范围内）")
        ]

    def __str__(self) -> str:
        return f"{self.user}（{'区社工总站' if self.is_district_hub else self.street or '未分配'}）"


class AuditRecordImmutable(Exception):
    """An attempt to change or delete an entry of the audit record (nobody may, the superuser
    included); raised by `AppendOnlyModel` and its queryset."""

    def __init__(self, model_name: str = "审计记录"):
        super().__init__(
            f"{model_name}只能追加，不能修改或删除（网络安全法第二十一条，等保 2.0）。"
            "超过 180 天的安全事件请用 manage.py archive_audit 归档。"
        )


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes and bulk deletes: the audit record is written once, never again."""

    def update(self, **kwargs):
        raise AuditRecordImmutable(str(self.model._meta.verbose_name))

    def delete(self):
        raise AuditRecordImmutable(str(self.model._meta.verbose_name))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditRecordImmutable(str(self.model._meta.verbose_name))

    def update_or_create(self, *args, **kwargs):
        raise AuditRecordImmutable(str(self.model._meta.verbose_name))

    update.queryset_only = True
    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """A row saved once: `save()` of an existing row and `delete()` are refused (on PostgreSQL
    a trigger refuses UPDATE and DELETE on the table too, migration 0004)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditRecordImmutable(str(self._meta.verbose_name))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRecordImmutable(str(self._meta.verbose_name))


class PersonalDataExport(AppendOnlyModel):
    """One export of full ID or mobile numbers: who, when, what and which rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导出人", on_delete=models.PROTECT, related_name="+"
    )
    exported_at = models.DateTimeField("导出时间", auto_now_add=True)
    what = models.CharField("导出内容", max_length=80)
    row_count = models.PositiveIntegerField("行数")
    row_ids = models.TextField("记录编号", help_text="导出的每一行的编号，逗号分隔")

    class Meta:
        verbose_name = "个人信息导出记录"
        verbose_name_plural = "个人信息导出记录"
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.what}（{self.row_count}行）"


class StepLog(models.Model):
    """One step of a workflow taken on one row (a case, a registration, a promotion application,
    a subsidy roll): who, when, from which state to which, and the fields given. Written by
    `accounts.steps.perform` in the same transaction as the change."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="对象类型", on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField("对象编号")
    target = GenericForeignKey("content_type", "object_id")
    step = models.CharField("步骤", max_length=40)
    title = models.CharField("事项", max_length=60)
    from_state = models.CharField("原状态", max_length=20)
    to_state = models.CharField("新状态", max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空：系统（示例数据、定时任务）",
    )
    at = models.DateTimeField("时间", default=timezone.now)
    data = models.JSONField("填写内容", default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.from_state}→{self.to_state}）"


class SuperuserUse(AppendOnlyModel):
    """One use of a superuser account: a log-in, or a request to the admin. Append-only."""

    class Kind(models.TextChoices):
        LOGIN = "login", "登录"
        REQUEST = "request", "管理后台操作"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="超级管理员",
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    method = models.CharField("请求方式", max_length=10, blank=True)
    path = models.CharField("网址", max_length=500, blank=True)
    address = models.GenericIPAddressField("来源地址", null=True, blank=True)

    class Meta:
        verbose_name = "超级管理员使用记录"
        verbose_name_plural = "超级管理员使用记录"
        ordering = ["-at", "-id"]
        permissions = [("read_audit_record", "查阅和导出审计记录")]

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display()} {self.method} {self.path}"


class PasswordStatus(models.Model):
    """When a person last set her password, and whether she must choose a new one at the next
    log-in (a password someone else generated or reset). Written by the password rules
    (`accounts.passwords.PasswordHistoryValidator.password_changed`) on every change."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="password_status",
    )
    changed_at = models.DateTimeField("密码设置时间")
    must_change = models.BooleanField(
        "下次登录须修改密码", default=False, help_text="密码由他人生成或重设时勾选"
    )

    class Meta:
        verbose_name = "密码状态"
        verbose_name_plural = "密码状态"

    def __str__(self) -> str:
        return f"{self.user}：{self.changed_at:%Y-%m-%d}"


class PasswordHistory(models.Model):
    """The hash of a password a member of staff used (the last few may not be chosen again)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="password_history",
    )
    password = models.CharField("密码摘要", max_length=128)
    set_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-set_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.set_at:%Y-%m-%d}"


class ExternalIdentity(models.Model):
    """An identity at an outside provider (WeChat 网页授权, the provincial 统一身份认证) bound to
    a candidate's or a social worker's account; never to staff (`accounts.providers`)."""

    provider = models.CharField("身份提供方", max_length=30)
    subject = models.CharField("外部账号标识", max_length=191, help_text="例如微信 openid")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    bound_at = models.DateTimeField("绑定时间", auto_now_add=True)

    class Meta:
        verbose_name = "外部身份绑定"
        verbose_name_plural = "外部身份绑定"
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="one_user_per_identity"),
            models.UniqueConstraint(fields=["provider", "user"], name="one_identity_per_provider"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.user}"


class SecondFactorReset(AppendOnlyModel):
    """One reset of a member of staff's second factor (a lost phone): who, whom, when.

    Written by `second_factor.reset_second_factor` in the same transaction that deletes her
    devices; read-only in the admin, so nobody edits or deletes it there."""

    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="重置人", on_delete=models.PROTECT, related_name="+"
    )
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="被重置的工作人员",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reset_at = models.DateTimeField("重置时间", auto_now_add=True)

    class Meta:
        verbose_name = "第二重验证重置记录"
        verbose_name_plural = "第二重验证重置记录"
        ordering = ["-reset_at"]
        permissions = [("reset_second_factor", "重置工作人员的第二重验证（手机丢失时）")]

    def __str__(self) -> str:
        return f"{self.reset_by} 重置了 {self.staff_member} 的第二重验证"


class SecurityEvent(AppendOnlyModel):
    """One security event (等保 2.0 安全审计): a log-in or a failed one, a second factor set up or
    reset, a role or permission changed, personal data viewed or exported, an account disabled.

    Append-only, and chained: `hash` is HMAC-SM3 over the entry's own fields and the previous
    entry's hash (`accounts.audit`), so `manage.py verify_audit` finds a changed or a missing
    row. `detail` holds no personal data (ids and counts, never a name or an ID number)."""

    class Kind(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGIN_FAILED = "login_failed", "登录失败"
        SECOND_FACTOR_SET_UP = "2fa_set_up", "设置第二重验证"
        SECOND_FACTOR_RESET = "2fa_reset", "重置第二重验证"
        ROLES_CHANGED = "roles", "角色或权限变更"
        PERSONAL_DATA_VIEWED = "pd_viewed", "查看完整个人信息"
        PERSONAL_DATA_EXPORTED = "pd_exported", "导出完整个人信息"
        ACCOUNT_DISABLED = "disabled", "停用账号"
        UNLOCKED = "unlocked", "解除登录锁定"
        ARCHIVED = "archived", "归档检查点"

    sequence = models.PositiveBigIntegerField("序号", unique=True, editable=False)
    at = models.DateTimeField("时间", default=timezone.now, db_index=True, editable=False)
    kind = models.CharField("事件", max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空：系统（迁移、定时任务）或不存在的用户名",
    )
    address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    target = models.CharField("对象", max_length=200, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    previous_hash = models.CharField("上一条摘要", max_length=64, editable=False)
    hash = models.CharField("摘要（HMAC-SM3）", max_length=64, editable=False)

    class Meta:
        verbose_name = "安全审计记录"
        verbose_name_plural = "安全审计记录"
        ordering = ["-sequence"]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.get_kind_display()} {self.target}"
