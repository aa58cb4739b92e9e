"""The log-in doors: one per audience, all through one mechanism.

A door is a log-in view (by its URL name) and the audience it lets in: the admin's log-in
for staff, recruitment's for candidates, careers' for social workers. The door backend
(`accounts.backends.DoorBackend`) lets a person in only at her audience's door; anyone else
gets the answer of a wrong password. The admin's door is declared here, the domain apps
declare theirs from their AppConfig.ready().

Every door is limited twice, on failed log-ins: per client address (a password sprayed over
many user names from one address) and per user name (one name tried from many addresses).
`DoorLimitMiddleware` refuses a log-in POST once either limit is used up (answer 429, the
same Chinese page at every door); `count_failure` counts each failure (Django's
`user_login_failed` signal, connected in AccountsConfig.ready()).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import audiences
from bijiang_social import ratelimits
from bijiang_social.client_ip import client_ip


@dataclass(frozen=True)
class Door:
    view_name: str  # "admin:login"
    audience: str
    address_rate_setting: str  # the settings holding the rates, e.g. "STAFF_LOGIN_RATE"
    username_rate_setting: str
    reset_hint: str  # how to get a new password, shown when the door is locked
    home: str = ""  # the URL name she lands on after logging in (an outside identity too)

    @property
    def address_rate(self) -> str:
        return getattr(settings, self.address_rate_setting)

    @property
    def username_rate(self) -> str:
        return getattr(settings, self.username_rate_setting)

    def group(self, by: str) -> str:
        return f"door-{self.audience}-{by}"


_doors: dict[str, Door] = {}


def register(door: Door) -> None:
    _doors[door.view_name] = door


register(
    Door(
        "admin:login",
        audiences.STAFF,
        "STAFF_LOGIN_RATE",
        "STAFF_LOGIN_USERNAME_RATE",
        "忘记密码请联系系统管理员重设。",
        home="admin:index",
    )
)


def door_of(request: HttpRequest | None) -> Door | None:
    """The door this request came through, or None (no log-in happens anywhere else)."""
    match = getattr(request, "resolver_match", None)
    return _doors.get(match.view_name) if match is not None else None


def door_for(audience: str) -> Door:
    return next(door for door in _doors.values() if door.audience == audience)


def _username(request: HttpRequest) -> str:
    return (request.POST.get("username") or "").strip().upper()[:150]


def _subjects(request: HttpRequest, door: Door) -> list[tuple[str, str, str]]:
    """(group, subject, rate) of each limit this log-in attempt falls under."""
    subjects = []
    address = client_ip(request)
    if not ratelimits._bench_exempt(address):
        subjects.append((door.group("address"), address, door.address_rate))
    username = _username(request)
    if username:
        subjects.append((door.group("username"), username, door.username_rate))
    return subjects


def is_locked(request: HttpRequest, door: Door) -> bool:
    return any(ratelimits.reached(*subject) for subject in _subjects(request, door))


def count_failure(sender, credentials, request=None, **kwargs) -> None:
    """A failed log-in at a door counts against its address and its user name."""
    door = door_of(request)
    if door is not None and request.method == "POST":
        for subject in _subjects(request, door):
            ratelimits.count(*subject)


def too_many_log_ins(request: HttpRequest, door: Door) -> HttpResponse:
    response = render(request, "accounts/too_many_log_ins.html", {"door": door}, status=429)
    response["Retry-After"] = "600"
    return response


class DoorLimitMiddleware:
    """Refuse a log-in POST at a door whose address or user-name limit is used up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        door = door_of(request)
        if door is not None and request.method == "POST" and is_locked(request, door):
            return too_many_log_ins(request, door)
        return None
