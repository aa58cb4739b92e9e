"""A place for outside identity providers: WeChat 网页授权, the provincial 统一身份认证.

A provider is an `IdentityProvider` registered with `register()`; it knows how to send the
person to its log-in (`authorization_url`) and how to read who she is from its answer
(`subject_of`, e.g. exchanging the code for an openid). Everything else is here, the same for
every provider:

1. `/accounts/external/<provider>/<audience>/` keeps a one-time `state` in the session and
   sends her to the provider.
2. The provider sends her back to `/accounts/external/<provider>/callback/`; the state must
   match. An identity bound to an account of that audience logs her in
   (`accounts.backends.ExternalIdentityBackend`); one bound to another audience is refused.
3. An identity bound to nobody is bound (`bind`) to the account she is logged in with, or, if
   she is not, once she has logged in with her password at her audience's door.

Only candidates and social workers: a staff account is never bound, and never logged in by an
outside identity (staff log in at the admin with a password and the second factor).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from accounts import audiences


class IdentityProvider:
    """The interface a provider implements (see the test provider in tests/accounts)."""

    name: str = ""  # stored in ExternalIdentity.provider, used in the URL: "wechat"
    label: str = ""  # "微信"
    audiences: frozenset[str] = frozenset({audiences.CANDIDATE, audiences.WORKER})

    def authorization_url(self, request: HttpRequest, redirect_uri: str, state: str) -> str:
        """Where to send her to log in; the provider sends her back to redirect_uri."""
        raise NotImplementedError

    def subject_of(self, request: HttpRequest) -> str | None:
        """Her stable identifier at the provider, read from the callback request, or None if
        the provider's answer is missing or does not verify."""
        raise NotImplementedError


_providers: dict[str, IdentityProvider] = {}


def register(provider: IdentityProvider) -> None:
    if not provider.name or audiences.STAFF in provider.audiences:
        raise ValueError("a provider needs a name and may not serve staff")
    _providers[provider.name] = provider


def unregister(name: str) -> None:
    _providers.pop(name, None)


def get(name: str) -> IdentityProvider | None:
    return _providers.get(name)


class BindingError(Exception):
    """The identity cannot be bound; the message says why and what to do instead."""


@dataclass(frozen=True)
class Pending:
    """An outside identity waiting for her password log-in (kept in the session)."""

    provider: str
    subject: str
    audience: str

    SESSION_KEY = "accounts.external_pending"

    def keep(self, request: HttpRequest) -> None:
        request.session[self.SESSION_KEY] = [self.provider, self.subject, self.audience]

    @classmethod
    def take(cls, request: HttpRequest) -> Pending | None:
        stored = request.session.pop(cls.SESSION_KEY, None)
        return cls(*stored) if stored else None


def bind(user, provider: IdentityProvider, subject: str):
    """Bind `subject` at `provider` to the user's account (a candidate's or a worker's)."""
    from accounts.models import ExternalIdentity

    audience = audiences.audience_of(user)
    if audience == audiences.STAFF:
        raise BindingError(
            f"工作人员账号不能绑定{provider.label}登录，请在管理后台用密码和动态验证码登录。"
        )
    if audience not in provider.audiences:
        raise BindingError(f"这个账号不能绑定{provider.label}登录，请用账号和密码登录。")
    if ExternalIdentity.objects.filter(user=user, provider=provider.name).exists():
        raise BindingError(
            f"这个账号已经绑定了另一个{provider.label}账号；如需更换，请联系工作人员解除原绑定。"
        )
    try:
        with transaction.atomic():
            return ExternalIdentity.objects.create(
                user=user, provider=provider.name, subject=subject
            )
    except IntegrityError:
        raise BindingError(
            f"这个{provider.label}账号已经绑定了别的账号，请用原来绑定的账号登录。"
        ) from None


def bind_pending(sender, request, user, **kwargs) -> None:
    """After a password log-in, bind the outside identity she came with (user_logged_in)."""
    if request is None or not hasattr(request, "session"):
        return
    pending = Pending.take(request)
    provider = get(pending.provider) if pending else None
    if provider is None or audiences.audience_of(user) != pending.audience:
        return
    from django.contrib import messages

    try:
        bind(user, provider, pending.subject)
    except BindingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已绑定{provider.label}，下次可以直接用{provider.label}登录。")
