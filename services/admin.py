from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from bijiang_social.audit import AuditedAdmin
from bijiang_social.spreadsheets import SafeCSV, SafeXLSX
from services.models import (
    FeatureProject,
    RuralVisit,
    ServiceDomain,
    ServicePoint,
    StaffProfile,
    Street,
    staff_street_scope,
)
from services.resources import ServicePointResource


def _sees_every_street(request) -> bool:
    return staff_street_scope(request.user)[0]


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
class ServicePointAdmin(ImportExportModelAdmin, AuditedAdmin):
    """Service points; 导入/导出 load or export the list as an Excel or CSV file."""

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

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        every, street_id = staff_street_scope(request.user)
        if db_field.name == "street" and not every:
            kwargs["queryset"] = Street.objects.filter(pk=street_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # The bureau's whole list is loaded by the district hub, not street by street.
    def has_import_permission(self, request):
        return _sees_every_street(request) and super().has_import_permission(request)


@admin.register(FeatureProject)
class FeatureProjectAdmin(AuditedAdmin):
    list_display = ["title", "street", "focus", "is_verified"]
    list_filter = ["street", "is_verified"]
    search_fields = ["title", "focus"]
    list_select_related = ["street"]


@admin.register(RuralVisit)
class RuralVisitAdmin(AuditedAdmin):
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

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "start_point":
            kwargs["queryset"] = ServicePoint.objects.for_staff(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "street", "is_district_hub"]
    list_filter = ["street", "is_district_hub"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "street"]
    autocomplete_fields = ["user"]


import services.applications.admin  # noqa: E402,F401  (registers the applications' admin)
