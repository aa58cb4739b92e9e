"""The CSRF token a browser would send: the one in the real form page."""

import re

from django.test import Client

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token_from(client: Client, url: str) -> str:
    """GET the real form page and take the CSRF token from its hidden input."""
    response = client.get(url)
    assert response.status_code == 200
    match = _CSRF_INPUT.search(response.content.decode())
    assert match, f"no CSRF token in the form at {url}"
    return match.group(1)
