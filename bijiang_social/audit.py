"""The audit trail: who changed what and when, on cases, admission lists, subsidy rolls and
published content (django-simple-history). Only district-hub staff and superusers may read
it; nobody can edit it or revert through it."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from services.access import sees_every_street


class AuditedAdmin(SimpleHistoryAdmin):
    """Adds the 历史 (history) page to a model's admin, readable by the district hub only."""

    def history_view(self, request, object_id, extra_context=None):
        if not sees_every_street(request.user):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history only hides the revert button; a POST here would still save the old
        # version over the current one.
        if not sees_every_street(request.user) or request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
