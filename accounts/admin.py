from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import ExternalIdentity, PersonalDataExport, StaffProfile
from accounts.passwords import require_change


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "street", "is_district_hub"]
    list_filter = ["street", "is_district_hub"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "street"]
    autocomplete_fields = ["user"]


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(admin.ModelAdmin):
    """The audit trail of exports with full ID or mobile numbers; nobody edits it."""

    list_display = ["exported_at", "user", "what", "row_count"]
    list_filter = ["what"]
    search_fields = ["user__username", "what", "row_ids"]
    date_hierarchy = "exported_at"
    list_select_related = ["user"]
    readonly_fields = ["exported_at", "user", "what", "row_count", "row_ids"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Passwords another person set: changed at the owner's next log-in ----------------------


class PasswordSetByAdminUserAdmin(UserAdmin):
    """Django's user admin; a password the administrator sets (a new account, or "change
    password" on someone else's) is marked to be changed at that person's next log-in."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            require_change(obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if (
            request.method == "POST"
            and response.status_code == 302
            and str(id) != str(request.user.pk)
        ):
            require_change(get_user_model().objects.get(pk=id))
        return response


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PasswordSetByAdminUserAdmin)


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Outside log-ins bound to candidates' and workers' accounts; delete a row to unbind."""

    list_display = ["user", "provider", "bound_at"]
    list_filter = ["provider"]
    search_fields = ["user__username", "subject"]
    list_select_related = ["user"]
    readonly_fields = ["provider", "subject", "user", "bound_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
