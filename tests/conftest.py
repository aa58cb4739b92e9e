"""Shared fixtures: the guide's data and the people involved.

People: a resident (anonymous client), a clerk of 环北 and a clerk of 铜兴 (street staff, role
街道社工站工作人员), a district-hub officer (区社工总站, every street), a read-only viewer
(只读查看, every street), an inactive clerk of 环北 (left; her account is switched off), a
recruitment officer (区民政局招聘工作人员, no street) and an outsider (a logged-in non-staff user).
A read-only viewer of 环北 (只读查看, one street), and 等保 2.0's three administrators: the
system administrator (系统管理员), the security administrator (安全管理员) and the audit
administrator (审计管理员), none with a street.
At the public doors: two candidates (王小雨, 周敏) and two social workers (李娜 of 环北, 刘洋 of
铜兴), all with PUBLIC_PASSWORD.

Staff have set up the second factor: `client.login()` / `client.force_login()` of a member of
staff also passes it (`_staff_logins_pass_the_second_factor`: her session carries a confirmed
phone app, exactly what the code page writes), unless the test is marked `password_only`, as
the tests of the second factor itself are. A browser test types her password, then
`pass_second_factor(page, user)` types a code generated from her phone app's secret.
"""

import os
import re
import shutil
import subprocess
import time
import uuid
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import access
from accounts.models import StaffProfile, Street

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
STAFF_PASSWORD = "Bijiang-test-2024!"


@pytest.fixture(scope="session", autouse=True)
def _live_server_serves_collected_static():
    """The live server serves /static/ from STATIC_ROOT, as whitenoise does in production.

    Django's test static handler looks files up through the finders, which do not know the
    hashed names that the manifest storage writes into pages; browsers would get no CSS.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandlerMixin
    from django.views.static import serve

    def serve_collected(handler, request):
        return serve(request, handler.file_path(request.path), document_root=settings.STATIC_ROOT)

    with mock.patch.object(StaticFilesHandlerMixin, "serve", serve_collected):
        yield


@pytest.fixture(autouse=True)
def _test_defaults(request, settings, tmp_path_factory):
    """Per-test defaults; a test opts back in with a marker.

    - `axes`: django-axes needs the request in authenticate(), which Client.login() does not
      pass, and the door backend lets a password in only at a log-in door; tests log in with
      the plain model backend unless they test the lock-out or the doors. (Sessions the doors'
      backends started stay valid either way.)
    - `page_cache`: pages are not cached, so a test that changes data with .update() between
      two requests sees the change; tests of the cache itself turn it on.
    """
    if "axes" not in request.keywords:
        settings.AUTHENTICATION_BACKENDS = [
            "django.contrib.auth.backends.ModelBackend",
            "accounts.backends.DoorBackend",
            "accounts.backends.ExternalIdentityBackend",
        ]
    if "page_cache" not in request.keywords:
        settings.PAGE_CACHE_SECONDS = 0
    # The stamp file is named after the database, and every test run's database has the same
    # name: a stamp of this run's own keeps other runs on the machine from invalidating it.
    settings.PAGE_CACHE_STAMP_FILE = str(tmp_path_factory.getbasetemp() / "page-cache-stamp")
    # Rate-limit counters live in the database cache, which no test transaction rolls back
    # for live-server tests: a fresh key prefix gives every test its own counters.
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {**settings.CACHES["ratelimit"], "KEY_PREFIX": uuid.uuid4().hex},
    }
    cache.clear()
    yield
    cache.clear()


def phone_app(user) -> TOTPDevice:
    """The staff member's phone authenticator app (a confirmed TOTP device), set up once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="测试手机", confirmed=True)


def next_code(device: TOTPDevice) -> str:
    """The code her phone shows now, or the next one if this one was used (each works once)."""
    device.refresh_from_db()
    now = int(time.time() - device.t0) // device.step
    counter = max(now + device.drift, device.last_t + 1)
    if counter > now + device.drift + device.tolerance:  # the next step is too far ahead
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
        return next_code(device)
    code = totp(device.bin_key, device.step, device.t0, device.digits, counter - now)
    return f"{code:0{device.digits}d}"


def verify_session(client: Client, user) -> None:
    """Mark a logged-in client's session as past the second factor with her phone app."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = phone_app(user).persistent_id
    session.save()


def pass_second_factor(page, user) -> None:
    """In a browser, after her password: type a code from her phone app on the code page."""
    device = phone_app(user)
    # Wait until the log-in's redirects have landed on a second-factor page and it has loaded:
    # acting on a page still navigating fails ("not attached to an active page").
    page.wait_for_url(re.compile(r"/second-factor/(set-up|verify)/"))
    page.wait_for_load_state()
    if "/set-up/" in page.url:  # she had no phone app yet: now the verify page is hers
        page.goto(page.url.replace("/set-up/", "/verify/"))
    page.fill("#id_code", next_code(device))
    page.get_by_role("button", name="验证并进入后台").click()


@pytest.fixture(autouse=True)
def _staff_logins_pass_the_second_factor(request, monkeypatch):
    """`Client.login()`/`force_login()` of staff also passes the second factor (see above)."""
    if "password_only" in request.keywords:
        return
    password_login = Client._login  # both login() and force_login() end here

    def login_with_second_factor(client, user, backend=None):
        password_login(client, user, backend)
        if access.needs_second_factor(user):
            verify_session(client, user)

    monkeypatch.setattr(Client, "_login", login_with_second_factor)


@pytest.fixture
def guide(db):
    """The database as `manage.py load_guide` leaves it."""
    call_command("load_guide", stdout=StringIO())


def _street(slug: str, name: str, short: str, order: int) -> Street:
    street, _ = Street.objects.get_or_create(
        slug=slug, defaults={"name": name, "short_name": short, "order": order}
    )
    return street


@pytest.fixture
def huanbei(db) -> Street:
    return _street("huanbei", "环北街道", "环北", 2)


@pytest.fixture
def tongxing(db) -> Street:
    return _street("tongxing", "铜兴街道", "铜兴", 6)


def _staff(username: str, *, role=None, street=None, hub=False, superuser=False, active=True):
    """A member of staff in a role (a Django group), working for a street or the hub."""
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        password=STAFF_PASSWORD,
        is_staff=True,
        is_superuser=superuser,
        is_active=active,
    )
    if street is not None or hub:
        StaffProfile.objects.create(user=user, street=street, is_district_hub=hub)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def clerk_huanbei(huanbei):
    return _staff("clerk-huanbei", role=access.STREET_CLERK, street=huanbei)


@pytest.fixture
def clerk_tongxing(tongxing):
    return _staff("clerk-tongxing", role=access.STREET_CLERK, street=tongxing)


@pytest.fixture
def hub_officer(db):
    return _staff("hub-officer", role=access.DISTRICT_HUB, hub=True)


@pytest.fixture
def read_only_viewer(db):
    return _staff("read-only-viewer", role=access.READ_ONLY, hub=True)


@pytest.fixture
def viewer_huanbei(huanbei):
    return _staff("viewer-huanbei", role=access.READ_ONLY, street=huanbei)


@pytest.fixture
def system_admin(db):
    return _staff("system-admin", role=access.SYSTEM_ADMINISTRATOR)


@pytest.fixture
def security_admin(db):
    return _staff("security-admin", role=access.SECURITY_ADMINISTRATOR)


@pytest.fixture
def audit_admin(db):
    return _staff("audit-admin", role=access.AUDIT_ADMINISTRATOR)


@pytest.fixture
def inactive_clerk(huanbei):
    return _staff("inactive-clerk", role=access.STREET_CLERK, street=huanbei, active=False)


@pytest.fixture
def recruitment_officer(db):
    return _staff("recruitment-officer", role=access.RECRUITMENT_OFFICER)


@pytest.fixture
def superuser(db):
    return _staff("admin", hub=True, superuser=True)


@pytest.fixture
def outsider(db):
    return get_user_model().objects.create_user(username="outsider", password=STAFF_PASSWORD)


# --- The people of the public doors: two candidates, two social workers ---------------------

PUBLIC_PASSWORD = "Tongren-door-2026"  # letters and digits, 8+: a candidate's or worker's


def _candidate(name: str, serial: int, email: str):
    from recruitment.models import CandidateAccount
    from tests.recruitment.factories import resident_id

    number = resident_id(serial, birth="19960315")
    user = get_user_model().objects.create_user(
        username=number, password=PUBLIC_PASSWORD, email=email, first_name=name
    )
    return CandidateAccount.objects.create(
        user=user, name=name, id_number=number, mobile="13800000000"
    )


@pytest.fixture
def candidate_wang(db):
    """王小雨, a candidate with an e-mail address (her user name is her ID number)."""
    return _candidate("王小雨", 501, "wang.xiaoyu@example.com")


@pytest.fixture
def candidate_zhou(db):
    """周敏, another candidate."""
    return _candidate("周敏", 502, "zhou.min@example.com")


def _worker(street, name: str, username: str, email: str):
    from careers.models import SocialWorker

    user = get_user_model().objects.create_user(
        username=username, password=PUBLIC_PASSWORD, email=email
    )
    return SocialWorker.objects.create(street=street, name=name, user=user)


@pytest.fixture
def worker_li(huanbei):
    """李娜, a social worker of 环北 with an account (log-in name li-na)."""
    return _worker(huanbei, "李娜", "li-na", "li.na@example.com")


@pytest.fixture
def worker_liu(tongxing):
    """刘洋, a social worker of 铜兴 with an account (log-in name liu-yang)."""
    return _worker(tongxing, "刘洋", "liu-yang", "liu.yang@example.com")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. Fails (never skips) when it is missing."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.fail(
            "Browser tests need Debian's chromium at /usr/bin/chromium: "
            "run `make test` as root (it installs it) or `apt-get install chromium`."
        )
    from playwright.sync_api import expect, sync_playwright

    # The CI machine has two cores shared by the server thread, chromium and the test.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    """A page in a phone-sized window (360 × 740), as most residents see the site."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="zh-CN", device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A private redis-server on a Unix socket (no port to clash with), for tests of the
    Redis deployment. Fails (never skips) when redis-server is missing."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("Tests of the Redis deployment need redis-server: apt-get install redis-server")
    socket = tmp_path_factory.mktemp("redis") / "redis.sock"
    process = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    yield f"unix://{socket}?db=0"
    process.terminate()
    process.wait(timeout=10)


def use_redis(settings, url: str) -> None:
    """Configure the caches as production does with REDIS_URL=url."""
    from bijiang_social import cache_backends

    cache_backends._health.clear()
    settings.CACHES = cache_backends.redis_caches(url, timeout_ms=250)
    # Every test starts with an empty Redis, and its own rate-limit counters.
    from django.core.cache import caches

    caches["default"].clear()
    caches["ratelimit"].clear()
