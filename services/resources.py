"""Spreadsheet import/export of the service points (django-import-export).

The civil-affairs bureau will send the real list as a spreadsheet; staff load it from the
admin (服务站点 → 导入) and can export the current list (导出) to check or hand on. Columns are
in Chinese; rows are matched on 网址标识 (slug), so a second import updates instead of duplicating.
"""

from import_export import fields, resources, widgets

from services.models import ServiceDomain, ServicePoint, Street


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
    latitude = _field("latitude", widgets.DecimalWidget())
    longitude = _field("longitude", widgets.DecimalWidget())
    domains = _field(
        "domains", widgets.ManyToManyWidget(ServiceDomain, field="name", separator="、")
    )
    services_offered = _field("services_offered")
    walking_note = _field("walking_note")
    order = _field("order", widgets.IntegerWidget())
    is_verified = _field("is_verified", widgets.BooleanWidget())

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
