"""The admin site: Django's, plus the second factor.

A member of staff passes the admin's door with her password *and* a code from her phone. The
password alone logs her in but opens no admin page: `has_permission` also asks
`request.user.is_verified()` (django-otp's `OTPMiddleware`), and the log-in page sends a
logged-in member of staff who has not passed the second factor to `second_factor_url`, which
the identity app (accounts) registers from its `AppConfig.ready()` — the site layer imports no
app. Without it registered, such a user simply sees no admin page (it fails closed).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class PortalAdminSite(admin.AdminSite):
    second_factor_url: str | None = None
    """The URL name of the page that asks for (or sets up) the second factor."""

    def has_password_session(self, request: HttpRequest) -> bool:
        """Logged in with a password as an active member of staff (Django's own admin test)."""
        return super().has_permission(request)

    def awaits_second_factor(self, request: HttpRequest) -> bool:
        return self.has_password_session(request) and not _is_verified(request.user)

    def has_permission(self, request: HttpRequest) -> bool:
        return self.has_password_session(request) and _is_verified(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if self.awaits_second_factor(request) and self.second_factor_url:
            return self._to_second_factor(request.GET.get(REDIRECT_FIELD_NAME, ""))
        response = super().login(request, extra_context)
        if self.awaits_second_factor(request) and self.second_factor_url:
            # The password was right: the page she asked for waits behind the second factor.
            return self._to_second_factor(response.get("Location", ""))
        return response

    def _to_second_factor(self, next_url: str) -> HttpResponseRedirect:
        url = reverse(self.second_factor_url)
        if next_url:
            url += "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
        return HttpResponseRedirect(url)


def _is_verified(user) -> bool:
    """OTPMiddleware gives `request.user` `is_verified()`; the user that a log-in has just put
    there in the same request has not passed the second factor."""
    return getattr(user, "is_verified", lambda: False)()
