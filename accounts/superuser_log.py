"""Every use of the superuser is recorded (等保 2.0: the emergency account is audited): each
log-in, and each admin request made with it. The audit administrator reads the record."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from accounts import access


def _address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _record(request: HttpRequest, user, kind: str) -> None:
    from accounts.models import SuperuserUse

    SuperuserUse.objects.create(
        user=user,
        kind=kind,
        method=request.method or "",
        path=request.get_full_path()[:500],
        address=_address(request),
    )


def record_login(sender, request, user, **kwargs) -> None:
    """user_logged_in handler: a superuser's log-in, wherever it happens."""
    if request is not None and access.uses_superuser(user):
        _record(request, user, "login")


class SuperuserUseMiddleware:
    """Records each admin request a superuser makes (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.urls import reverse

        user = getattr(request, "user", None)
        if access.uses_superuser(user) and request.path.startswith(reverse("admin:index")):
            _record(request, user, "request")
        return self.get_response(request)
