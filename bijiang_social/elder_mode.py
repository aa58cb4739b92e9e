"""The age-friendly mode (长辈模式): larger text, stronger contrast, bigger touch targets and a
four-task navigation, kept in one cookie so it works without JavaScript.

A page differs between the modes only by what `is_on()` reads from this cookie, so a page cache
must key on it: use COOKIE_NAME, never the literal.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.http import HttpRequest

COOKIE_NAME = "bj_elder"
COOKIE_VALUE = "1"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # a year: residents should not have to switch it on again


def is_on(request: HttpRequest) -> bool:
    return request.COOKIES.get(COOKIE_NAME) == COOKIE_VALUE


class CallNumber(NamedTuple):
    """The number behind the mode's 打电话 button; `is_sample` until staff have verified it."""

    phone: str
    is_sample: bool


_call_number_source: Callable[[], CallNumber | None] | None = None


def register_call_number(source: Callable[[], CallNumber | None]) -> None:
    """Set where the 打电话 button's number comes from (the service network registers the
    district hub's phone in its AppConfig.ready())."""
    global _call_number_source
    _call_number_source = source


def call_number() -> CallNumber | None:
    """The number for the 打电话 button, or None when there is none (no button then)."""
    return _call_number_source() if _call_number_source else None
