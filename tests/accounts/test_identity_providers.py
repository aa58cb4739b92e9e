"""The path an outside identity provider plugs into, proven with a test provider: log in via
the provider, bind to an existing candidate's or worker's account, refuse a staff account and
the wrong audience."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from accounts import providers
from accounts.models import ExternalIdentity
from tests.conftest import PUBLIC_PASSWORD

pytestmark = pytest.mark.axes  # the production backends


class TestProvider(providers.IdentityProvider):
    """Stands in for WeChat 网页授权: its 'server' answers with code=<subject>."""

    __test__ = False
    name = "testid"
    label = "测试身份"

    def authorization_url(self, request, redirect_uri, state):
        return f"https://id.example.com/authorize?redirect_uri={redirect_uri}&state={state}"

    def subject_of(self, request):
        code = request.GET.get("code", "")
        return f"openid-{code}" if code else None


@pytest.fixture(autouse=True)
def test_provider():
    provider = TestProvider()
    providers.register(provider)
    yield provider
    providers.unregister(provider.name)


def _come_back(client: Client, audience: str, code: str):
    """Start at the portal, 'log in' at the provider, come back with its code."""
    start = client.get(reverse("external:start", args=["testid", audience]))
    assert start.status_code == 302 and start.url.startswith("https://id.example.com/")
    state = parse_qs(urlparse(start.url).query)["state"][0]
    return client.get(reverse("external:callback", args=["testid"]), {"state": state, "code": code})


def _logged_in_as(client: Client):
    return client.session.get("_auth_user_id")


def test_a_bound_candidate_logs_in_with_the_provider(client, candidate_wang):
    ExternalIdentity.objects.create(
        provider="testid", subject="openid-w1", user=candidate_wang.user
    )
    response = _come_back(client, "candidate", "w1")
    assert response.url == reverse("recruitment:mine")
    assert _logged_in_as(client) == str(candidate_wang.user.pk)


def test_an_unbound_worker_binds_after_her_password_log_in(client, worker_li):
    response = _come_back(client, "worker", "l1")
    assert response.url == reverse("careers:login")
    assert _logged_in_as(client) is None
    page = client.get(response.url)
    assert "第一次用测试身份登录：请先用账号和密码登录一次" in page.content.decode()

    client.post(reverse("careers:login"), {"username": "li-na", "password": PUBLIC_PASSWORD})
    assert ExternalIdentity.objects.get(subject="openid-l1").user == worker_li.user
    client.post(reverse("careers:logout"))
    again = Client()
    _come_back(again, "worker", "l1")
    assert _logged_in_as(again) == str(worker_li.user.pk)


def test_a_logged_in_candidate_binds_directly(client, candidate_wang):
    client.force_login(candidate_wang.user, backend="accounts.backends.DoorBackend")
    response = _come_back(client, "candidate", "w2")
    assert response.url == reverse("recruitment:mine")
    assert ExternalIdentity.objects.get(subject="openid-w2").user == candidate_wang.user


def test_a_staff_account_is_never_bound(client, clerk_huanbei, test_provider):
    with pytest.raises(providers.BindingError, match="工作人员账号不能绑定"):
        providers.bind(clerk_huanbei, test_provider, "openid-c1")
    assert not ExternalIdentity.objects.exists()


def test_a_staff_password_log_in_does_not_bind_the_pending_identity(client, clerk_huanbei):
    _come_back(client, "candidate", "c2")
    from tests.conftest import STAFF_PASSWORD

    client.post(
        reverse("admin:login"), {"username": clerk_huanbei.username, "password": STAFF_PASSWORD}
    )
    assert not ExternalIdentity.objects.exists()


def test_an_identity_somehow_bound_to_staff_opens_nothing(client, clerk_huanbei):
    ExternalIdentity.objects.create(provider="testid", subject="openid-c3", user=clerk_huanbei)
    for audience in ("candidate", "worker"):
        _come_back(client, audience, "c3")
        assert _logged_in_as(client) is None


def test_no_provider_log_in_for_staff_at_all(client, db):
    assert client.get(reverse("external:start", args=["testid", "staff"])).status_code == 404


def test_a_workers_identity_does_not_open_the_candidates_door(client, worker_li):
    ExternalIdentity.objects.create(provider="testid", subject="openid-l3", user=worker_li.user)
    response = _come_back(client, "candidate", "l3")
    assert _logged_in_as(client) is None
    assert response.url == reverse("recruitment:login")
    assert "不能在这里登录" in client.get(response.url).content.decode()


def test_a_worker_cannot_bind_at_the_candidates_side(client, worker_li):
    client.force_login(worker_li.user, backend="accounts.backends.DoorBackend")
    _come_back(client, "candidate", "l4")
    assert not ExternalIdentity.objects.exists()


def test_one_identity_binds_one_account(candidate_wang, candidate_zhou, test_provider):
    providers.bind(candidate_wang.user, test_provider, "openid-x")
    with pytest.raises(providers.BindingError, match="已经绑定了别的账号"):
        providers.bind(candidate_zhou.user, test_provider, "openid-x")


def test_a_callback_without_the_state_it_started_with_is_refused(client, candidate_wang):
    ExternalIdentity.objects.create(
        provider="testid", subject="openid-w5", user=candidate_wang.user
    )
    client.get(reverse("external:start", args=["testid", "candidate"]))
    forged = client.get(
        reverse("external:callback", args=["testid"]), {"state": "guess", "code": "w5"}
    )
    assert forged.status_code == 404
    assert _logged_in_as(client) is None


def test_a_provider_may_not_serve_staff(db):
    class StaffProvider(TestProvider):
        name = "staffid"
        audiences = frozenset({"staff"})

    with pytest.raises(ValueError):
        providers.register(StaffProvider())
