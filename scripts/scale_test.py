"""`make scale-test`: two stateless instances on one PostgreSQL and one Redis.

Run by scripts/scale-test.sh, which starts PostgreSQL, Redis and two gunicorn instances
(A and B) of the portal with the same DATABASE_URL and REDIS_URL. Each check drives A and B
over HTTP like a browser would and prints PASS or FAIL; the last line counts them.
"""

import functools
import http.client
import http.cookiejar
import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

A = os.environ["SCALE_A"]
B = os.environ["SCALE_B"]
N = os.environ["SCALE_NGINX"]  # deploy/nginx.conf in front of A and B
STAFF_USER = os.environ["SCALE_STAFF_USER"]
STAFF_PASSWORD = os.environ["SCALE_STAFF_PASSWORD"]
CLERK_USER = os.environ["SCALE_CLERK_USER"]  # a clerk of 环北街道
STREET = os.environ["SCALE_STREET"]  # 环北街道's pk
COMMUNITY = os.environ["SCALE_COMMUNITY"]  # a community point of 环北街道
REDIS_PORT = os.environ["SCALE_REDIS_PORT"]
REDIS_START = os.environ["SCALE_REDIS_START"]  # the command scale-test.sh started Redis with
# A real one-page PDF (written by pypdf): the portal parses every PDF it is sent.
PDF = (
    b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n/Producer (pypdf)\n>>\nendobj\n2 "
    b"0 obj\n<<\n/Type /Pages\n/Count 1\n/Kids [ 4 0 R ]\n>>\nendobj"
    b"\n3 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n4 0 ob"
    b"j\n<<\n/Type /Page\n/Resources <<\n>>\n/MediaBox [ 0.0 0.0 59"
    b"5 842 ]\n/Parent 2 0 R\n>>\nendobj\nxref\n0 5\n0000000000 6553"
    b"5 f \n0000000015 00000 n \n0000000054 00000 n \n0000000113 "
    b"00000 n \n0000000162 00000 n \ntrailer\n<<\n/Size 5\n/Root 3 "
    b"0 R\n/Info 1 0 R\n>>\nstartxref\n256\n%%EOF\n"
)


class Browser:
    """A cookie-keeping HTTP client; one per person. `source` is the loopback address it
    connects from (any of 127.0.0.0/8), so rate-limit checks can be different clients."""

    def __init__(self, source: str = "127.0.0.1"):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect(), _FromSource(source)
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


class _FromSource(urllib.request.HTTPHandler):
    def __init__(self, source: str):
        super().__init__()
        self.source = source

    def http_open(self, req):
        connection = functools.partial(http.client.HTTPConnection, source_address=(self.source, 0))
        return self.do_open(connection, req)


def track(browser: Browser, base: str, reference: str, last4: str) -> tuple[int, str]:
    """Look a case up as the page does: load the form, post it with its CSRF token."""
    status, html, _ = browser.request(base + "/services/track/")
    assert status == 200, f"the tracking form on {base} answered {status}"
    fields = {"reference": reference, "phone_last4": last4}
    status, html, _ = browser.request(
        base + "/services/track/", {**fields, "csrfmiddlewaretoken": browser.csrf_token(html)}
    )
    return status, html


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "----bijiang-scale-test"
    parts = []
    for name, value in fields.items():
        header = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{header}{value}\r\n".encode())
    for name, (filename, content) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


RECOVERY_CODES = os.environ["SCALE_RECOVERY_CODES"].split()  # each user's; each works once


def login(browser: Browser, base: str, username: str = STAFF_USER) -> None:
    """Log in at the admin's door: the password, then a recovery code on the code page."""
    status, html, _ = browser.request(base + "/admin/login/")
    token = browser.csrf_token(html)
    status, _, response = browser.request(
        base + "/admin/login/?next=/admin/",
        {
            "username": username,
            "password": STAFF_PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        },
        headers={"Referer": base + "/admin/login/"},
    )
    assert status == 302, f"login on {base} answered {status}"
    verify = base + "/admin/second-factor/verify/?next=/admin/"
    status, html, _ = browser.request(verify)
    assert status == 200, f"the code page on {base} answered {status}"
    status, _, response = browser.request(
        verify,
        {"code": CODES_LEFT[username].pop(), "csrfmiddlewaretoken": browser.csrf_token(html)},
        headers={"Referer": verify},
    )
    assert status == 302, f"the second factor on {base} answered {status}"


CODES_LEFT = {user: list(RECOVERY_CODES) for user in (STAFF_USER, CLERK_USER)}


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
    new = edit_the_agencies_figure(html)
    status, html, response = resident.request(B + "/")
    assert f'key-figure-value">{new}<' in html, "B still shows the old figure"


def edit_the_agencies_figure(overview_html: str) -> str:
    """Add one to the overview's agencies figure through A's admin; return the new value."""
    old = re.search(r'key-figure-value">(\d+)<', overview_html).group(1)
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
    return new


def check_an_application_on_a_is_tracked_and_its_documents_read_on_b() -> None:
    resident = Browser()
    form_url = A + "/services/apply/minsheng-doudi/"
    status, html, _ = resident.request(form_url)
    assert status == 200, f"the form on A answered {status}"
    documents = sorted(set(re.findall(r'name="(document_\d+)"', html)))
    assert documents, "the form asks for no documents"
    body, content_type = multipart(
        {
            "csrfmiddlewaretoken": resident.csrf_token(html),
            "applicant_name": "张三",
            "id_number": "522201199001011230",
            "mobile": "13812345678",
            "street": STREET,
            "community": COMMUNITY,
            "help_needed": "家里老人独居，希望有人定期上门探访。",
            "consent": "on",
        },
        {name: (f"{name}.pdf", PDF) for name in documents},
    )
    status, html, response = resident.request(
        form_url, body, headers={"Content-Type": content_type, "Referer": form_url}
    )
    assert status == 302, f"applying on A answered {status}: {html[:300]}"
    status, html, _ = resident.request(A + response.headers["Location"])
    reference = re.search(r"BJ-\d{4}-[0-9A-Z]{6}", html).group(0)

    status, html = track(Browser(), B, reference, "5678")
    assert status == 200 and reference in html and "已提交" in html, "B does not find the case"

    clerk = Browser()
    login(clerk, B, CLERK_USER)
    status, html, _ = clerk.request(B + f"/admin/services/serviceapplication/?q={reference}")
    change = re.search(r'href="(/admin/services/serviceapplication/(\d+)/change/)', html)
    assert change, "the clerk on B does not see the case"
    status, html, _ = clerk.request(B + change.group(1))
    download = re.search(
        rf'href="(/admin/services/serviceapplication/{change.group(2)}/document/\d+/)"', html
    )
    status, content, response = clerk.request(B + download.group(1))
    assert status == 200 and "attachment" in response.headers["Content-Disposition"]
    assert content.startswith("%PDF"), "the document read on B is not the one sent to A"


def check_wrong_lookups_spread_over_a_and_b_trip_one_limit(
    source: str = "127.0.0.2", bases: tuple[str, str] = (B, A)
) -> None:
    client = Browser(source)
    statuses = []
    for attempt in range(12):
        base = bases[attempt % 2]
        statuses.append(track(client, base, f"BJ-2026-ZZZZ{'23456789ABCD'[attempt]}Z", "0000")[0])
    assert statuses[:10] == [200] * 10, statuses
    assert statuses[-1] == 429, statuses


def check_forty_concurrent_wrong_lookups_let_exactly_ten_through(source: str = "127.0.0.3") -> None:
    client = Browser(source)
    status, html, _ = client.request(A + "/services/track/")
    token = client.csrf_token(html)
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # services.applications.models

    def miss(n: int) -> int:
        fields = {
            "reference": f"BJ-2026-ZZZ{alphabet[n // 31]}{alphabet[n % 31]}Z",
            "phone_last4": "0000",
            "csrfmiddlewaretoken": token,
        }
        return client.request((A, B)[n % 2] + "/services/track/", fields)[0]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(miss, range(40)))
    answered = statuses.count(200)
    assert (answered, statuses.count(429)) == (10, 30), f"{answered} answered: {statuses}"


def check_both_instances_serve_fresh_pages_and_hold_limits_while_redis_is_down() -> None:
    resident = Browser()
    resident.request(B + "/")
    assert resident.request(B + "/")[2].headers.get("X-Page-Cache") == "hit"
    subprocess.run(
        ["redis-cli", "-p", REDIS_PORT, "shutdown", "nosave"], capture_output=True, timeout=10
    )
    try:
        for base in (A, B):
            for path in ("/", "/services/", "/services/apply/minsheng-doudi/", "/services/track/"):
                status, _, response = resident.request(base + path)
                assert status == 200, f"{base}{path} answered {status} with Redis down"
                assert response.headers.get("X-Page-Cache") != "hit"
            status, body, _ = resident.request(base + "/healthz")
            assert (status, json.loads(body)["cache"]) == (200, "down"), (base, status, body)
        new = edit_the_agencies_figure(resident.request(B + "/")[1])
        assert f'key-figure-value">{new}<' in resident.request(B + "/")[1], "B shows a stale page"
        # Counted in the database now: 10 misses, then 429.
        check_wrong_lookups_spread_over_a_and_b_trip_one_limit("127.0.0.4")
        check_forty_concurrent_wrong_lookups_let_exactly_ten_through("127.0.0.5")
    finally:
        subprocess.run(shlex.split(REDIS_START), check=True)
    # Each process tries Redis again 5 s after its last failure; then caching resumes.
    time.sleep(6)
    for _ in range(6):
        resident.request(B + "/")
    assert resident.request(B + "/")[2].headers.get("X-Page-Cache") == "hit", "no caching"
    assert f'key-figure-value">{new}<' in resident.request(A + "/")[1], "A shows a stale page"
    status, body, _ = resident.request(A + "/healthz")
    assert json.loads(body)["cache"] == "ok", body


def check_through_nginx_each_resident_is_limited_by_their_own_address() -> None:
    # Several residents behind nginx: one guesser is limited, the next resident is not.
    check_wrong_lookups_spread_over_a_and_b_trip_one_limit("127.0.0.6", bases=(N, N))
    status, html = track(Browser("127.0.0.7"), N, "BJ-2026-ZZZZZZ", "0000")
    assert status == 200 and "没有找到" in html, f"another resident got {status} through nginx"


def check_nginx_micro_caches_anonymous_pages_without_mixing_modes_or_tokens() -> None:
    resident = Browser("127.0.0.8")
    statuses = [
        resident.request(N + "/services/")[2].headers.get("X-Micro-Cache") for _ in range(3)
    ]
    assert "HIT" in statuses, f"nginx never answered from its cache: {statuses}"
    elder = Browser("127.0.0.8")
    elder.request(N + "/elder-mode/?next=/services/")
    html = elder.request(N + "/services/")[1]
    assert "退出长辈模式" in html, "the elder mode got the standard page from nginx's cache"
    tokens = set()
    for _ in range(3):
        status, html, response = Browser("127.0.0.8").request(N + "/services/apply/minsheng-doudi/")
        assert response.headers.get("X-Micro-Cache") != "HIT", "a page with a token was cached"
        tokens.add(Browser().csrf_token(html))
    assert len(tokens) == 3, "two visitors got the same CSRF token"


def check_nginx_refuses_a_body_over_its_limit_and_serves_static_files() -> None:
    host, port = urllib.parse.urlsplit(N).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=15)
    # Announce 31 MB and send nothing: nginx answers from the header alone.
    connection.putrequest("POST", "/services/apply/minsheng-doudi/")
    connection.putheader("Content-Type", "application/octet-stream")
    connection.putheader("Content-Length", str(31 * 1024 * 1024))
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    assert status == 413, f"a 31 MB body answered {status}"
    browser = Browser("127.0.0.9")
    html = browser.request(N + "/")[1]
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
    status, _, response = browser.request(N + stylesheet)
    assert status == 200 and "max-age=31536000" in response.headers.get("Cache-Control", "")


CHECKS = [
    check_an_application_on_a_is_tracked_and_its_documents_read_on_b,
    check_wrong_lookups_spread_over_a_and_b_trip_one_limit,
    check_forty_concurrent_wrong_lookups_let_exactly_ten_through,
    check_staff_session_on_a_is_valid_on_b,
    check_an_edit_through_a_shows_on_bs_cached_page,
    check_through_nginx_each_resident_is_limited_by_their_own_address,
    check_nginx_micro_caches_anonymous_pages_without_mixing_modes_or_tokens,
    check_nginx_refuses_a_body_over_its_limit_and_serves_static_files,
    check_both_instances_serve_fresh_pages_and_hold_limits_while_redis_is_down,
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
