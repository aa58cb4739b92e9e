"""The age-friendly mode (长辈模式): larger text, stronger contrast, bigger touch targets and a
four-task navigation, kept in one cookie so it works without JavaScript.

A page differs between the modes only by what `is_on()` reads from this cookie, so a page cache
must key on it: use COOKIE_NAME, never the literal.
"""

from django.http import HttpRequest

COOKIE_NAME = "bj_elder"
COOKIE_VALUE = "1"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # a year: residents should not have to switch it on again


def is_on(request: HttpRequest) -> bool:
    return request.COOKIES.get(COOKIE_NAME) == COOKIE_VALUE


def hub_phone() -> str:
    """The district hub's phone number for the 打电话 button, or "" when there is no hub."""
    from services.models import ServicePoint

    phone = (
        ServicePoint.objects.filter(level=ServicePoint.Level.HUB)
        .exclude(phone="")
        .order_by("order", "id")
        .values_list("phone", flat=True)
        .first()
    )
    return phone or ""
