"""Spreadsheet import/export of the service points (django-import-export).

The civil-affairs bureau will send the real list as a spreadsheet; staff load it from the
admin (服务站点 → 导入) and can export the current list (导出) to check or hand on. Columns are
in Chinese; rows are matched on 网址标识 (slug), so a second import updates instead of duplicating.
"""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError
from import_export import fields, resources, widgets
from import_export.results import Error

from accounts.models import Street
from services.models import ServiceDomain, ServicePoint


class LevelWidget(widgets.Widget):
    """Accepts 区社工总站 / 街道社工站 / 社区社工服务点 (or hub / street / community)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        by_label = {label: level for level, label in ServicePoint.Level.choices}
        if text in ServicePoint.Level.values:
            return text
        if text in by_label:
            return by_label[text]
        raise ValueError(f"层级“{text}”无法识别，请填写：{'、'.join(by_label)}。")

    def render(self, value, obj=None, **kwargs):
        return ServicePoint.Level(value).label if value else ""


class StreetWidget(widgets.ForeignKeyWidget):
    """A street by its 网址标识 (huanbei) or its full name (环北街道); empty for the hub."""

    def __init__(self):
        super().__init__(Street, field="slug")

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        street = (
            Street.objects.filter(slug=text).first() or Street.objects.filter(name=text).first()
        )
        if street is None:
            raise ValueError(f"找不到街道“{text}”，请填写街道的网址标识（如 huanbei）或全称。")
        return street


class ChineseDecimalWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"“{value}”不是数字：经纬度请填写小数，例如 27.7181。") from None


class ChineseIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return 0
        try:
            return int(Decimal(str(value).strip()))
        except InvalidOperation:
            raise ValueError(f"“{value}”不是整数：排序请填写 0、1、2 这样的整数。") from None


class ChineseBooleanWidget(widgets.BooleanWidget):
    TRUE_VALUES = [*widgets.BooleanWidget.TRUE_VALUES, "是", "已核实"]
    FALSE_VALUES = [*widgets.BooleanWidget.FALSE_VALUES, "否", "未核实"]

    def clean(self, value, row=None, **kwargs):
        return bool(super().clean(value, row, **kwargs))  # an empty cell: not verified

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class RowError(Error):
    """Every row error in Chinese, saying what to check (the library's own are English)."""

    def __init__(self, error, row=None, number=None):
        if isinstance(error, IntegrityError):
            error = ValueError(
                "这一行与已有数据冲突或缺少必填内容（例如网址标识重复、名称为空），"
                f"请核对后重新导入。（系统信息：{error}）"
            )
        elif not any("\u4e00" <= char <= "\u9fff" for char in str(error)):
            error = ValueError(f"这一行无法导入，请核对各列的内容后重新导入。（系统信息：{error}）")
        super().__init__(error, row=row, number=number)


def _field(attribute: str, widget=None) -> fields.Field:
    model_field = ServicePoint._meta.get_field(attribute)
    if widget is None and model_field.get_internal_type() in {"CharField", "TextField"}:
        # An empty spreadsheet cell reads as None; text columns store it as empty text, so
        # an exported file re-imports unchanged (walking_note, services_offered, phone…).
        widget = widgets.CharWidget(allow_blank=True)
    return fields.Field(
        attribute=attribute, column_name=str(model_field.verbose_name), widget=widget
    )


class ServicePointResource(resources.ModelResource):
    slug = _field("slug")
    level = _field("level", LevelWidget())
    name = _field("name")
    street = _field("street", StreetWidget())
    address = _field("address")
    opening_hours = _field("opening_hours")
    phone = _field("phone")
    latitude = _field("latitude", ChineseDecimalWidget())
    longitude = _field("longitude", ChineseDecimalWidget())
    domains = _field(
        "domains", widgets.ManyToManyWidget(ServiceDomain, field="name", separator="、")
    )
    services_offered = _field("services_offered")
    walking_note = _field("walking_note")
    order = _field("order", ChineseIntegerWidget())
    is_verified = _field("is_verified", ChineseBooleanWidget())

    class Meta:
        model = ServicePoint
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "level",
            "name",
            "street",
            "address",
            "opening_hours",
            "phone",
            "latitude",
            "longitude",
            "domains",
            "services_offered",
            "walking_note",
            "order",
            "is_verified",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True  # runs the model's validation and check constraint

    def get_queryset(self):
        return super().get_queryset().select_related("street").prefetch_related("domains")

    def get_error_result_class(self):
        return RowError
