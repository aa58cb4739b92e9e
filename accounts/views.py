"""The staff second factor's pages, between the admin's password log-in and the admin.

The admin's log-in (`bijiang_social.admin_site`) sends a member of staff who has given her
password here: to set-up when she has no phone app yet, to the code page when she has. Nobody
else has business here: a visitor goes to the admin's log-in, a candidate or worker gets 404.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import second_factor
from accounts.access import needs_second_factor
from accounts.forms import PhoneCodeForm, SecondFactorForm

_NEW_CODES = "accounts.new_recovery_codes"


def _staff_only(request: HttpRequest) -> HttpResponse | None:
    """A redirect to the admin's log-in for a visitor; 404 for anyone who is not staff."""
    if not request.user.is_authenticated:
        return redirect("admin:login")
    if not needs_second_factor(request.user):
        raise Http404
    return None


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse("admin:index")


def _with_next(request: HttpRequest, name: str) -> HttpResponse:
    """Redirect to another of these pages, keeping the page she asked for (`?next=`)."""
    response = redirect(name)
    if REDIRECT_FIELD_NAME in request.GET:
        response["Location"] += "?" + urlencode({REDIRECT_FIELD_NAME: _next_url(request)})
    return response


def _render(request: HttpRequest, template: str, title: str, **context) -> HttpResponse:
    site = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}
    context = {**site, "title": title, "next": _next_url(request), **context}
    return render(request, f"accounts/{template}", context)


def _too_soon(seconds: int) -> str:
    return f"刚才的验证码不正确。为防止猜测，请等 {seconds} 秒后再输入（每错一次，等待时间加倍）。"


def _passed(request: HttpRequest, device) -> None:
    request.session.cycle_key()  # the verified session gets a new key
    otp_login(request, device)


def second_factor_entry(request: HttpRequest) -> HttpResponse:
    """Where the admin's log-in sends her: set-up the first time, the code page after."""
    if (refused := _staff_only(request)) is not None:
        return refused
    if request.user.is_verified():
        return redirect(_next_url(request))
    if second_factor.has_second_factor(request.user):
        return _with_next(request, "accounts:second-factor-verify")
    return _with_next(request, "accounts:second-factor-setup")


def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then confirm with the first code."""
    if (refused := _staff_only(request)) is not None:
        return refused
    if second_factor.has_second_factor(request.user):
        return _with_next(request, "accounts:second-factor-verify")
    device = second_factor.pending_phone_app(request.user)
    form = PhoneCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if wait := second_factor.seconds_to_wait([device]):
            form.add_error("code", _too_soon(wait))
        elif (codes := second_factor.confirm_phone_app(device, code)) is not None:
            _passed(request, device)
            request.session[_NEW_CODES] = codes
            return _with_next(request, "accounts:recovery-codes")
        else:
            form.add_error("code", PhoneCodeForm.wrong_code_message)
    return _render(
        request,
        "second_factor_setup.html",
        "设置第二重验证",
        form=form,
        qr_code=second_factor.qr_code_svg(device),
        secret=second_factor.secret_for_typing(device),
    )


def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, once: the page forgets them as it shows them."""
    if (refused := _staff_only(request)) is not None:
        return refused
    codes = request.session.pop(_NEW_CODES, None)
    if not codes or not request.user.is_verified():
        return redirect(_next_url(request))
    return _render(request, "recovery_codes.html", "请保存恢复码", codes=codes)


def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code from her phone (or a recovery code) opens the admin for this session."""
    if (refused := _staff_only(request)) is not None:
        return refused
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not second_factor.has_second_factor(request.user):
        return _with_next(request, "accounts:second-factor-setup")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if wait := second_factor.seconds_to_wait_for(request.user, code):
            form.add_error("code", _too_soon(wait))
        elif (device := second_factor.check_code(request.user, code)) is not None:
            _passed(request, device)
            return redirect(_next_url(request))
        else:
            form.add_error("code", SecondFactorForm.wrong_code_message)
    return _render(request, "second_factor_verify.html", "输入验证码", form=form)


@require_POST
def second_factor_logout(request: HttpRequest) -> HttpResponse:
    """Leave without passing (the admin's own log-out needs a verified session)."""
    logout(request)
    return redirect("admin:login")
