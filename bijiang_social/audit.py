"""The audit trail: who changed what and when, on cases, admission lists, subsidy rolls and
published content (django-simple-history). Who may read it is decided in accounts/access.py
(the district hub and superusers); nobody can edit it or revert through it."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from bijiang_social import decisions


def may_read_history(user) -> bool:
    """As accounts/access.py decides (`may_read_history`), asked through the registry."""
    return decisions.allows(decisions.READ_HISTORY, user)


class AuditedAdmin(SimpleHistoryAdmin):
    """Adds the 历史 (history) page to a model's admin, readable by the district hub only."""

    def history_view(self, request, object_id, extra_context=None):
        if not may_read_history(request.user):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history only hides the revert button; a POST here would still save the old
        # version over the current one.
        if not may_read_history(request.user) or request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AppendOnlyAdmin(admin.ModelAdmin):
    """A record nobody adds, edits or removes through the admin (logs the portal writes)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
