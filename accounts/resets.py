"""One password-reset mechanism: a reset page resets only accounts of its own audience.

- `may_reset(user, audience)` is the one test, used by every reset page: the candidates'
  e-mailed link (Django's token) and the social workers' clerk-issued link
  (`careers.accounts`). A staff account is never reset from a public page; staff passwords are
  reset by the system administrator in the admin, and must be changed at the next log-in.
- `AudiencePasswordResetForm` mails a link only to active accounts of the page's audience,
  at most PASSWORD_RESET_ACCOUNT_RATE per account; the page answers the same whatever was
  typed, so it tells nobody which addresses have accounts.
- `reset_page_limited(request, audience)` counts reset requests per client address
  (PASSWORD_RESET_ADDRESS_RATE).
- `AudienceResetConfirmMixin` refuses a link whose account is not (or no longer) of the
  page's audience, as an invalid link.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest

from accounts import audiences
from bijiang_social import ratelimits


def may_reset(user, audience: str) -> bool:
    """True when `user` is an active account of `audience` (never staff on a public page)."""
    return bool(
        user is not None
        and user.is_active
        and audience != audiences.STAFF
        and audiences.audience_of(user) == audience
    )


def reset_page_limited(request: HttpRequest, audience: str) -> bool:
    """Count a reset request by this client address; True when it is over the limit."""
    return ratelimits.count_attempt(
        request, f"reset-{audience}-address", settings.PASSWORD_RESET_ADDRESS_RATE
    )


def _account_limited(user, audience: str) -> bool:
    return ratelimits.count(
        f"reset-{audience}-account", str(user.pk), settings.PASSWORD_RESET_ACCOUNT_RATE
    )


class AudiencePasswordResetForm(PasswordResetForm):
    """Django's reset-by-e-mail form for one audience (set `audience` in the subclass)."""

    audience: str = ""

    def get_users(self, email):
        for user in super().get_users(email):
            if may_reset(user, self.audience) and not _account_limited(user, self.audience):
                yield user


class AudienceResetConfirmMixin:
    """For a PasswordResetConfirmView: a link for another audience's account is invalid."""

    audience: str = ""

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if may_reset(user, self.audience) else None
