from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import access, second_factor
from accounts.models import PersonalDataExport, SecondFactorReset, StaffProfile

User = get_user_model()


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    """A record nobody adds, edits or deletes in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "street", "is_district_hub"]
    list_filter = ["street", "is_district_hub"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "street"]
    autocomplete_fields = ["user"]


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(ReadOnlyRecordAdmin):
    """The audit trail of exports with full ID or mobile numbers; nobody edits it."""

    list_display = ["exported_at", "user", "what", "row_count"]
    list_filter = ["what"]
    search_fields = ["user__username", "what", "row_ids"]
    date_hierarchy = "exported_at"
    list_select_related = ["user"]
    readonly_fields = ["exported_at", "user", "what", "row_count", "row_ids"]


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(ReadOnlyRecordAdmin):
    """Who reset whose second factor, and when (a lost phone)."""

    list_display = ["reset_at", "reset_by", "staff_member"]
    search_fields = ["reset_by__username", "staff_member__username"]
    date_hierarchy = "reset_at"
    list_select_related = ["reset_by", "staff_member"]
    readonly_fields = ["reset_at", "reset_by", "staff_member"]


# Devices hold the secrets: nobody reads or edits them in the admin; a lost phone is reset
# with the action below, which is recorded.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


@admin.action(description="重置第二重验证（手机丢失时），下次登录重新设置", permissions=["reset"])
def reset_second_factor(modeladmin, request, queryset) -> None:
    staff = [user for user in queryset if access.needs_second_factor(user)]
    for member in staff:
        second_factor.reset_second_factor(request.user, member)
    skipped = len(queryset) - len(staff)
    names = "、".join(member.get_username() for member in staff) or "无"
    note = f"；{skipped} 个非工作人员账号没有第二重验证，未处理" if skipped else ""
    modeladmin.message_user(
        request, f"已重置 {len(staff)} 名工作人员的第二重验证（{names}），已记录{note}。"
    )


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin, plus the system administrator's reset of a lost phone."""

    actions = [reset_second_factor]

    def has_reset_permission(self, request) -> bool:
        return access.may_reset_second_factor(request.user)
