from django.contrib import admin

from services.models import (
    FeatureProject,
    RuralVisit,
    ServiceDomain,
    ServicePoint,
    StaffProfile,
    Street,
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
class ServicePointAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "street", "phone", "opening_hours", "is_verified"]
    list_filter = ["level", "street", "is_verified", "domains"]
    search_fields = ["name", "address", "phone"]
    list_select_related = ["street"]
    filter_horizontal = ["domains"]


@admin.register(FeatureProject)
class FeatureProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "street", "focus", "is_verified"]
    list_filter = ["street", "is_verified"]
    search_fields = ["title", "focus"]
    list_select_related = ["street"]


@admin.register(RuralVisit)
class RuralVisitAdmin(admin.ModelAdmin):
    list_display = [
        "visit_date",
        "township",
        "village",
        "social_worker",
        "start_point",
        "is_verified",
    ]
    list_filter = ["start_point__street", "is_verified"]
    search_fields = ["village", "township", "social_worker"]
    date_hierarchy = "visit_date"
    list_select_related = ["start_point"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "street", "is_district_hub"]
    list_filter = ["street", "is_district_hub"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "street"]
    autocomplete_fields = ["user"]

import services.applications.admin  # noqa: E402,F401  (registers the applications' admin)
