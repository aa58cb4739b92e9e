from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts import access
from accounts.models import PersonalDataExport, StaffProfile, SuperuserUse
from bijiang_social.audit import AppendOnlyAdmin

User = get_user_model()


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "street", "is_district_hub"]
    list_filter = ["street", "is_district_hub"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "street"]
    autocomplete_fields = ["user"]


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(AppendOnlyAdmin):
    """The audit trail of exports with full ID or mobile numbers; nobody edits it."""

    list_display = ["exported_at", "user", "what", "row_count"]
    list_filter = ["what"]
    search_fields = ["user__username", "what", "row_ids"]
    date_hierarchy = "exported_at"
    list_select_related = ["user"]
    readonly_fields = ["exported_at", "user", "what", "row_count", "row_ids"]


@admin.register(SuperuserUse)
class SuperuserUseAdmin(AppendOnlyAdmin):
    """Each log-in and admin request of a superuser, for the audit administrator; nobody
    edits or removes an entry."""

    list_display = ["at", "user", "kind", "method", "path", "address"]
    list_filter = ["kind"]
    search_fields = ["user__username", "path", "address"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    readonly_fields = list_display


class StaffUserAdmin(UserAdmin):
    """Accounts for the system administrator: roles (groups) and active status. Superuser
    status and single permissions, which bypass the roles, only a superuser grants; a
    superuser's account only a superuser changes."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not access.may_make_superuser(request.user):
            readonly += access.ROLE_BYPASSING_USER_FIELDS
        return readonly

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or access.may_change_account(request.user, obj))


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
