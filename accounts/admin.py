import datetime as dt

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import access, audit, second_factor
from accounts.models import (
    ExternalIdentity,
    PersonalDataExport,
    SecondFactorReset,
    SecurityEvent,
    StaffProfile,
    SuperuserUse,
)
from accounts.passwords import require_change
from accounts.staff_accounts import STAFF_DELETION_REFUSED
from bijiang_social.audit import AppendOnlyAdmin
from bijiang_social.spreadsheets import xlsx_response

User = get_user_model()


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "street", "is_district_hub"]
    list_filter = ["street", "is_district_hub"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "street"]
    autocomplete_fields = ["user"]


class AuditRecordAdmin(AppendOnlyAdmin):
    """Part of the audit record: append-only, and exported to Excel (the selected entries,
    the list's columns) by the audit administrator."""

    actions = ["export_records"]

    def has_audit_permission(self, request) -> bool:
        return access.may_read_audit_record(request.user)

    @admin.action(description="导出所选记录（Excel）", permissions=["audit"])
    def export_records(self, request, queryset):
        fields = [self.model._meta.get_field(name) for name in self.list_display]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return xlsx_response(
            f"{self.model._meta.model_name}-{stamp}.xlsx",
            str(self.model._meta.verbose_name_plural),
            [str(field.verbose_name) for field in fields],
            [[_cell(obj, field) for field in fields] for obj in queryset],
        )


def _cell(obj, field) -> str:
    value = getattr(obj, field.name)
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    return "" if value is None else str(value)


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(AuditRecordAdmin):
    """The audit trail of exports with full ID or mobile numbers; nobody edits it."""

    list_display = ["exported_at", "user", "what", "row_count", "row_ids"]
    list_filter = ["what"]
    search_fields = ["user__username", "what", "row_ids"]
    date_hierarchy = "exported_at"
    list_select_related = ["user"]
    readonly_fields = ["exported_at", "user", "what", "row_count", "row_ids"]


@admin.register(SuperuserUse)
class SuperuserUseAdmin(AuditRecordAdmin):
    """Each log-in and admin request of a superuser, for the audit administrator; nobody
    edits or removes an entry."""

    list_display = ["at", "user", "kind", "method", "path", "address"]
    list_filter = ["kind"]
    search_fields = ["user__username", "path", "address"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    readonly_fields = list_display


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(AuditRecordAdmin):
    """Who reset whose second factor, and when (a lost phone)."""

    list_display = ["reset_at", "reset_by", "staff_member"]
    search_fields = ["reset_by__username", "staff_member__username"]
    date_hierarchy = "reset_at"
    list_select_related = ["reset_by", "staff_member"]
    readonly_fields = ["reset_at", "reset_by", "staff_member"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(AuditRecordAdmin):
    """The security events (log-ins, failed log-ins, second factors, roles, personal data
    viewed or exported, accounts disabled), chained by HMAC-SM3; `manage.py verify_audit`
    checks the chain."""

    list_display = ["sequence", "at", "kind", "user", "address", "target", "detail", "hash"]
    list_filter = ["kind"]
    search_fields = ["user__username", "address", "target"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    readonly_fields = [*list_display, "previous_hash"]


# django-axes' logs are part of the audit record too: nobody deletes a log-in or a failed
# one (the superuser included). A lock-out (登录尝试) is still lifted by deleting it — the
# security administrator's unlock — and each unlock is recorded.
for axes_model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(axes_model):
        admin.site.unregister(axes_model)


@admin.register(AccessLog)
class KeptAccessLogAdmin(AccessLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessFailureLog)
class KeptAccessFailureLogAdmin(AccessFailureLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class RecordedAccessAttemptAdmin(AccessAttemptAdmin):
    """Deleting an attempt lifts the lock-out; recorded (the failures stay in 登录失败日志)."""

    def delete_model(self, request, obj):
        audit.record(audit.Kind.UNLOCKED, request=request, target=f"登录尝试 #{obj.pk}")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        ids = sorted(queryset.values_list("pk", flat=True))
        audit.record(
            audit.Kind.UNLOCKED, request=request, target=f"登录尝试 {len(ids)} 条", ids=ids
        )
        super().delete_queryset(request, queryset)


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


class StaffUserAdmin(UserAdmin):
    """Staff accounts for the system administrator (candidates' and workers' accounts, whose
    user names are ID numbers, are their apps' own): roles (groups) and active status. Superuser
    status and single permissions, which bypass the roles, only a superuser grants; a
    superuser's account only a superuser changes. A lost phone is reset from the list."""

    actions = [reset_second_factor, "delete_unless_staff"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by delete_unless_staff
        return actions

    @admin.action(description="删除所选用户（工作人员账号只能停用）", permissions=["delete"])
    def delete_unless_staff(self, request, queryset):
        kept = [account for account in queryset if not access.may_delete_account(account)]
        if kept:
            names = "、".join(account.get_username() for account in kept)
            self.message_user(request, f"{names}：{STAFF_DELETION_REFUSED}", messages.ERROR)
            return None
        return delete_selected(self, request, queryset)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or access.may_delete_account(obj))

    def delete_view(self, request, object_id, extra_context=None):
        account = self.get_object(request, object_id)
        if account is not None and not access.may_delete_account(account):
            self.message_user(request, STAFF_DELETION_REFUSED, messages.ERROR)
            return redirect("admin:auth_user_change", account.pk)
        return super().delete_view(request, object_id, extra_context)

    def has_reset_permission(self, request) -> bool:
        return access.may_reset_second_factor(request.user)

    def get_queryset(self, request):
        return access.accounts_managed_by(request.user, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not access.may_make_superuser(request.user):
            readonly += access.ROLE_BYPASSING_USER_FIELDS
        return readonly

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or access.may_change_account(request.user, obj))

    def save_model(self, request, obj, form, change):
        """A password the administrator sets (a new account, or "change password" on someone
        else's) is marked to be changed at that person's next log-in."""
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
            require_change(User.objects.get(pk=id))
        return response


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


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
