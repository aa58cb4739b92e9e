"""`make scale-test`: two stateless instances on one PostgreSQL and one Redis.

Run by scripts/scale-test.sh, which starts PostgreSQL, Redis and two gunicorn instances
(A and B) of the portal with the same DATABASE_URL and REDIS_URL. Each check drives A and B
over HTTP like a browser would and prints PASS or FAIL; the last line counts them.
"""

import http.cookiejar
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

A = os.environ["SCALE_A"]
B = os.environ["SCALE_B"]
STAFF_USER = os.environ["SCALE_STAFF_USER"]
STAFF_PASSWORD = os.environ["SCALE_STAFF_PASSWORD"]


class Browser:
    """A cookie-keeping HTTP client; one per person."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read().decode("utf-8", "replace"), response
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), error

    def csrf_token(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def login(browser: Browser, base: str) -> None:
    status, html, _ = browser.request(base + "/admin/login/")
    token = browser.csrf_token(html)
    status, _, response = browser.request(
        base + "/admin/login/?next=/admin/",
        {
            "username": STAFF_USER,
            "password": STAFF_PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        },
        headers={"Referer": base + "/admin/login/"},
    )
    assert status == 302, f"login on {base} answered {status}"


def check_staff_session_on_a_is_valid_on_b() -> None:
    clerk = Browser()
    login(clerk, A)
    session_a = clerk.cookie("sessionid")
    # Same cookie jar, other instance: the cookie is for 127.0.0.1 whatever the port.
    status, html, _ = clerk.request(B + "/admin/")
    assert status == 200 and "碧江区社会工作服务平台管理后台" in html, f"B answered {status}"
    assert clerk.cookie("sessionid") == session_a


def check_an_edit_through_a_shows_on_bs_cached_page() -> None:
    resident = Browser()
    resident.request(B + "/")
    status, html, response = resident.request(B + "/")
    assert response.headers.get("X-Page-Cache") == "hit", "B did not cache the overview"
    old = re.search(r'key-figure-value">(\d+)<', html).group(1)
    new = str(int(old) + 1)

    clerk = Browser()
    login(clerk, A)
    status, html, _ = clerk.request(A + "/admin/bijiang_social/keyfigure/?q=agencies")
    change_url = re.search(r'href="(/admin/bijiang_social/keyfigure/\d+/change/[^"]*)"', html)
    status, form, _ = clerk.request(A + change_url.group(1).replace("&amp;", "&"))
    fields = dict(re.findall(r'<input type="(?:text|number)" name="(\w+)" value="([^"]*)"', form))
    fields.update(
        csrfmiddlewaretoken=clerk.csrf_token(form),
        value=new,
        page=re.search(r'<option value="(\w+)" selected>', form).group(1),
        is_published="on",
        meaning=re.search(r'name="meaning" value="([^"]*)"', form).group(1),
        _save="保存",
    )
    status, _, _ = clerk.request(A + change_url.group(1).replace("&amp;", "&"), fields)
    assert status == 302, f"the admin save on A answered {status}"

    status, html, response = resident.request(B + "/")
    assert f'key-figure-value">{new}<' in html, "B still shows the old figure"


CHECKS = [
    check_staff_session_on_a_is_valid_on_b,
    check_an_edit_through_a_shows_on_bs_cached_page,
]


def main() -> int:
    passed = failed = 0
    for check in CHECKS:
        try:
            check()
        except Exception as error:  # noqa: BLE001 — report every failing check, then count
            failed += 1
            print(f"FAIL {check.__name__}: {error}")
        else:
            passed += 1
            print(f"PASS {check.__name__}")
    print(f"scale: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
