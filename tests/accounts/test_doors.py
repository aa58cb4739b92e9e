"""Every log-in door × every audience: staff only at the admin's door, candidates only at
recruitment's, social workers only at careers'. Anyone else gets the answer of a wrong
password: the same status, the same page, no session."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PUBLIC_PASSWORD, STAFF_PASSWORD

pytestmark = pytest.mark.axes  # the production backends: django-axes and the door backend

DOORS = ["admin:login", "recruitment:login", "careers:login"]
HOME = {"admin:login": "admin:index", "recruitment:login": "recruitment:mine"}
HOME["careers:login"] = "careers:me"


def _people(request) -> dict[str, tuple[str, str, str]]:
    """name → (user name, password, the door that is hers or "")."""
    clerk = request.getfixturevalue("clerk_huanbei")
    superuser = request.getfixturevalue("superuser")
    wang = request.getfixturevalue("candidate_wang")
    li = request.getfixturevalue("worker_li")
    outsider = request.getfixturevalue("outsider")
    return {
        "clerk_huanbei": (clerk.username, STAFF_PASSWORD, "admin:login"),
        "superuser": (superuser.username, STAFF_PASSWORD, "admin:login"),
        "candidate_wang": (wang.user.username, PUBLIC_PASSWORD, "recruitment:login"),
        "worker_li": (li.user.username, PUBLIC_PASSWORD, "careers:login"),
        "outsider": (outsider.username, STAFF_PASSWORD, ""),
    }


def _page(response) -> str:
    """The page without what differs on every request (the CSRF token, the CSP nonce)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def _log_in(door: str, username: str, password: str):
    client = Client()
    data = {"username": username, "password": password, "next": reverse(HOME[door])}
    response = client.post(reverse(door), data)
    return client, response


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(
    "person", ["clerk_huanbei", "superuser", "candidate_wang", "worker_li", "outsider"]
)
def test_a_person_logs_in_only_at_her_own_door(request, door, person):
    username, password, own_door = _people(request)[person]
    client, response = _log_in(door, username, password)
    if door == own_door:
        assert response.status_code == 302
        if door == "admin:login":  # the password is the first of staff's two factors
            assert response.url.startswith(reverse("accounts:second-factor"))
        else:
            assert response.url == reverse(HOME[door])
        assert "_auth_user_id" in client.session
        return
    wrong_client, wrong_password = _log_in(door, username, password + "-wrong")
    assert response.status_code == wrong_password.status_code == 200
    assert _page(response) == _page(wrong_password)
    assert "_auth_user_id" not in client.session


def test_a_clerk_at_the_workers_door_gets_no_admin_session(client, clerk_huanbei):
    """The hole: a staff member's session from /careers/login/ was a full admin session."""
    client.post(
        reverse("careers:login"), {"username": clerk_huanbei.username, "password": STAFF_PASSWORD}
    )
    admin_page = client.get(reverse("admin:index"))
    assert admin_page.status_code == 302
    assert admin_page.url.startswith(reverse("admin:login"))


def test_the_workers_door_page_says_the_same_for_a_clerk_as_for_a_wrong_password(
    clerk_huanbei,
):
    _, clerk = _log_in("careers:login", clerk_huanbei.username, STAFF_PASSWORD)
    assert "登录没有成功：请检查登录名和密码" in clerk.content.decode()


def test_a_password_checked_outside_a_door_opens_nothing(rf, clerk_huanbei):
    from django.contrib.auth import authenticate

    request = rf.post("/services/", {"username": clerk_huanbei.username})
    request.resolver_match = None
    assert authenticate(request, username=clerk_huanbei.username, password=STAFF_PASSWORD) is None
