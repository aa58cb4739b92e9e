"""The address of the client, for rate limits and admin lock-outs."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies sit in front.

    Then the address is the one the outermost trusted proxy saw: counting from the right
    of X-Forwarded-For, skip the entries our own proxies appended. A client that sends its
    own X-Forwarded-For only adds entries to the left, which are never read.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
