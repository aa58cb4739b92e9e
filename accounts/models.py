"""Who people are in the portal's organisation: the district's streets (the unit every
member of staff is scoped to), which street a member of staff works for, and the record of
exports of personal data. The domain apps point at these; this app points at none of them."""

from functools import reduce
from operator import and_

from django.conf import settings
from django.db import models
from django.urls import reverse

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
        permissions = [("export_personal_data", "导出含完整身份证号、手机号的名单")]

    def __str__(self) -> str:
        return f"{self.user}（{'区社工总站' if self.is_district_hub else self.street or '未分配'}）"


class PersonalDataExport(models.Model):
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


class SecondFactorReset(models.Model):
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
