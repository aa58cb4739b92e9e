from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from accounts.access import StreetScopedAdmin, sees_every_street
from accounts.models import Street
from bijiang_social.audit import AuditedAdmin
from bijiang_social.spreadsheets import SafeCSV, SafeXLSX
from services.models import (
    FeatureProject,
    RuralVisit,
    ServiceDomain,
    ServicePoint,
)
from services.resources import ServicePointResource

HUB_POINT_REFUSED = (
    "街道工作人员只能添加或修改本街道的街道社工站和社区服务点；"
    "区社工总站的信息由区社工总站人员维护。"
)


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "order", "is_verified"]
    list_editable = ["order", "is_verified"]
    list_filter = ["is_verified"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(ServiceDomain)
class ServiceDomainAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name", "covers"]


@admin.register(ServicePoint)
class ServicePointAdmin(StreetScopedAdmin, ImportExportModelAdmin, AuditedAdmin):
    """Service points; 导入/导出 load or export the list as an Excel or CSV file.

    Street staff keep their own street's station and community points; the hub point and
    other streets' points are the district hub's (issue: a clerk must not publish a hub).
    """

    resource_classes = [ServicePointResource]
    export_formats = [SafeXLSX, SafeCSV]  # text stays text: no formula from a typed value
    list_display = ["name", "level", "street", "phone", "opening_hours", "is_verified"]
    list_editable = ["is_verified"]
    list_filter = ["level", "street", "is_verified", "domains"]
    search_fields = ["name", "slug", "address", "phone", "street__name"]
    list_select_related = ["street"]
    filter_horizontal = ["domains"]
    fieldsets = [
        (None, {"fields": ["level", "name", "slug", "street", "order"]}),
        ("联系方式", {"fields": ["address", "opening_hours", "phone", "walking_note"]}),
        ("位置（用于地图和就近查找）", {"fields": ["latitude", "longitude"]}),
        ("服务", {"fields": ["domains", "services_offered"]}),
        ("核实", {"fields": ["is_verified"]}),
    ]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "level" and not sees_every_street(request.user):
            kwargs["choices"] = [
                (value, label)
                for value, label in ServicePoint.Level.choices
                if value != ServicePoint.Level.HUB
            ]
        field = super().formfield_for_choice_field(db_field, request, **kwargs)
        field.error_messages["invalid_choice"] = HUB_POINT_REFUSED
        return field

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not sees_every_street(request.user) and "street" in form.base_fields:
            street = form.base_fields["street"]
            street.required = True
            street.error_messages["required"] = "请选择所属街道（只能是您所在的街道）。"
            street.error_messages["invalid_choice"] = HUB_POINT_REFUSED
        return form

    # The bureau's whole list is loaded by the district hub, not street by street.
    def has_import_permission(self, request):
        return sees_every_street(request.user) and super().has_import_permission(request)


@admin.register(FeatureProject)
class FeatureProjectAdmin(StreetScopedAdmin, AuditedAdmin):
    list_display = ["title", "street", "focus", "is_verified"]
    list_filter = ["street", "is_verified"]
    search_fields = ["title", "focus"]
    list_select_related = ["street"]


@admin.register(RuralVisit)
class RuralVisitAdmin(StreetScopedAdmin, AuditedAdmin):
    list_display = [
        "visit_date",
        "township",
        "village",
        "social_worker",
        "start_point",
        "is_verified",
    ]
    list_filter = ["start_point__street", "township", "is_verified"]
    search_fields = ["village", "township", "social_worker"]
    date_hierarchy = "visit_date"
    list_select_related = ["start_point"]


import services.applications.admin  # noqa: E402,F401  (registers the applications' admin)
import services.notifications.admin  # noqa: E402,F401  (SMS templates and outbox)
import services.ratings.admin  # noqa: E402,F401  (ratings, rectifications)
