"""Every redirect whose target comes from the request (``?next=``, a hidden ``next`` field)
goes through `safe_next` / `redirect_back`.

A target is followed only when it is a path on this site: it starts with one ``/`` (not ``//``
nor ``/\\``, which browsers read as another host), `url_has_allowed_host_and_scheme` accepts it
for this host, and it holds no control characters. Anything else — another site, a
``javascript:`` URL, a scanner's ``;env;`` — leads to the fallback page instead. The answer is a
plain `HttpResponseRedirect` to the string: never ``django.shortcuts.redirect(value)``, which
would take a value without a slash for a view name and fail with ``NoReverseMatch`` (a 500).
"""

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

NEXT = "next"


def is_safe_target(request: HttpRequest, target: str) -> bool:
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def safe_next(request: HttpRequest, fallback: str, field: str = NEXT) -> str:
    """The ``next`` the request carries (POST first, then the query), if it is a path on this
    site; otherwise `fallback`."""
    target = request.POST.get(field) or request.GET.get(field) or ""
    return target if is_safe_target(request, target) else fallback


def redirect_back(request: HttpRequest, fallback: str, field: str = NEXT) -> HttpResponseRedirect:
    """Redirect to the request's own ``next`` when it is safe, else to `fallback`."""
    return HttpResponseRedirect(safe_next(request, fallback, field))
