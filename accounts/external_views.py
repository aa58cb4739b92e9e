"""The outside identity providers' two pages (`accounts.providers`): start and callback."""

import secrets

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts import audiences, doors, providers
from accounts.backends import EXTERNAL_BACKEND
from accounts.models import ExternalIdentity

STATE_KEY = "accounts.external_state"


def _provider(name: str) -> providers.IdentityProvider:
    provider = providers.get(name)
    if provider is None:
        raise Http404("no such identity provider")
    return provider


@never_cache
def external_start(request: HttpRequest, provider: str, audience: str) -> HttpResponse:
    found = _provider(provider)
    if audience not in found.audiences:
        raise Http404("this provider does not serve this audience")
    state = secrets.token_urlsafe(24)
    request.session[STATE_KEY] = [found.name, audience, state]
    callback = request.build_absolute_uri(reverse("external:callback", args=[provider]))
    return redirect(found.authorization_url(request, callback, state))


@never_cache
def external_callback(request: HttpRequest, provider: str) -> HttpResponse:
    found = _provider(provider)
    name, audience, state = request.session.pop(STATE_KEY, None) or ("", "", "")
    if name != found.name or not secrets.compare_digest(state, request.GET.get("state", "")):
        raise Http404("no log-in with this provider was started here")
    door = doors.door_for(audience)
    subject = found.subject_of(request)
    if not subject:
        messages.error(request, f"{found.label}登录没有成功，请重试，或用账号和密码登录。")
        return redirect(door.view_name)
    user = authenticate(request, provider=found.name, subject=subject, audience=audience)
    if user is not None:
        login(request, user, backend=EXTERNAL_BACKEND)
        return redirect(door.home)
    if ExternalIdentity.objects.filter(provider=found.name, subject=subject).exists():
        messages.error(
            request,
            f"这个{found.label}账号不能在这里登录，请到{audiences.LABELS[audience]}"
            "登录页用账号和密码登录。",
        )
        return redirect(door.view_name)
    if audiences.audience_of(request.user) == audience:
        try:
            providers.bind(request.user, found, subject)
        except providers.BindingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已绑定{found.label}，下次可以直接用{found.label}登录。")
        return redirect(door.home)
    providers.Pending(found.name, subject, audience).keep(request)
    messages.info(
        request, f"第一次用{found.label}登录：请先用账号和密码登录一次，登录后即完成绑定。"
    )
    return redirect(door.view_name)
