"""Every door is limited per client address and per user name, the admin's included: one
password sprayed over 25 user names from one address is refused after a few tries, and one
user name tried from many addresses too. The refusal is the same Chinese page at every door."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PUBLIC_PASSWORD, STAFF_PASSWORD

DOORS = ["admin:login", "recruitment:login", "careers:login"]
RATES = {
    "admin:login": ("STAFF_LOGIN_RATE", "STAFF_LOGIN_USERNAME_RATE"),
    "recruitment:login": ("CANDIDATE_LOGIN_RATE", "CANDIDATE_LOGIN_USERNAME_RATE"),
    "careers:login": ("WORKER_LOGIN_RATE", "WORKER_LOGIN_USERNAME_RATE"),
}


def _limit(rate: str) -> int:
    return int(rate.split("/")[0])


@pytest.mark.parametrize("door", DOORS)
def test_one_password_sprayed_over_25_names_from_one_address_is_refused(db, settings, door):
    allowed = _limit(getattr(settings, RATES[door][0]))
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [
        client.post(reverse(door), {"username": f"name{n}", "password": "Bijiang2024"}).status_code
        for n in range(25)
    ]
    assert statuses[:allowed] == [200] * allowed
    assert set(statuses[allowed:]) == {429}


def test_the_admin_refuses_the_spray_after_ten_names_by_default(db, settings):
    assert _limit(settings.STAFF_LOGIN_RATE) <= 10
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(10):
        client.post(reverse("admin:login"), {"username": f"staff{n}", "password": "Bijiang2024"})
    refused = client.post(reverse("admin:login"), {"username": "staff10", "password": "x"})
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "登录尝试太频繁，请稍后再试" in page
    assert "忘记密码请联系系统管理员重设" in page


@pytest.mark.parametrize("door", DOORS)
def test_one_name_tried_from_many_addresses_is_refused(db, settings, door):
    allowed = _limit(getattr(settings, RATES[door][1]))
    statuses = [
        Client(REMOTE_ADDR=f"198.51.100.{n}")
        .post(reverse(door), {"username": "li-na", "password": f"guess{n}"})
        .status_code
        for n in range(allowed + 3)
    ]
    assert statuses[:allowed] == [200] * allowed
    assert set(statuses[allowed:]) == {429}


@pytest.mark.axes
def test_a_locked_address_keeps_out_even_the_right_password(clerk_huanbei, settings):
    settings.STAFF_LOGIN_RATE = "3/10m"
    client = Client(REMOTE_ADDR="203.0.113.10")
    for n in range(3):
        client.post(reverse("admin:login"), {"username": f"x{n}", "password": "wrong"})
    response = client.post(
        reverse("admin:login"), {"username": clerk_huanbei.username, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.axes
def test_successful_log_ins_do_not_count(worker_li, settings):
    """A station where twenty workers log in each morning from one address is not refused."""
    settings.WORKER_LOGIN_RATE = "3/10m"
    for _ in range(6):
        client = Client(REMOTE_ADDR="203.0.113.11")
        response = client.post(
            reverse("careers:login"), {"username": "li-na", "password": PUBLIC_PASSWORD}
        )
        assert response.status_code == 302


@pytest.mark.axes
def test_a_log_in_at_the_wrong_door_counts_as_a_failure(clerk_huanbei, settings):
    settings.WORKER_LOGIN_RATE = "2/10m"
    client = Client(REMOTE_ADDR="203.0.113.12")
    data = {"username": clerk_huanbei.username, "password": STAFF_PASSWORD}
    assert [client.post(reverse("careers:login"), data).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
