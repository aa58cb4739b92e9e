"""Per-client limits, counted in the shared "ratelimit" cache (Redis or the database), so
they hold across every worker and instance. The client address is bijiang_social.client_ip."""

from django.http import HttpRequest
from django_ratelimit.core import get_usage


def limit_reached(request: HttpRequest, group: str, rate: str) -> bool:
    """True when this client has already used up `rate` (e.g. "10/10m") in `group`."""
    usage = get_usage(request, group=group, key="ip", rate=rate, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count_attempt(request: HttpRequest, group: str, rate: str) -> bool:
    """Count one attempt; True when it goes over `rate`."""
    usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    return usage is not None and usage["should_limit"]
