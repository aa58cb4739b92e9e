"""The audit trail: who changed what and when, on cases, admission lists, subsidy rolls and
published content (django-simple-history). Only district-hub staff and superusers may read
it; nobody can edit it or revert through it."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

_history_readers: list[Callable[[object], bool]] = []


def register_history_reader(check: Callable[[object], bool]) -> None:
    """Add a rule that lets a member of staff read the trail (the service network registers
    "sees every street" in its AppConfig.ready(), so this layer imports no app)."""
    if check not in _history_readers:
        _history_readers.append(check)


def may_read_history(user) -> bool:
    """Active superusers, and active staff a registered rule lets in; nobody else."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or any(check(user) for check in _history_readers)


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
