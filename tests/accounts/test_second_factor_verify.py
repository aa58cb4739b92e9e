"""The code page: every later log-in of a member of staff, after her password."""

import datetime as dt
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.second_factor import new_recovery_codes
from tests.accounts.conftest import give_code, password_log_in
from tests.conftest import next_code, phone_app

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]


@pytest.fixture
def clerk(clerk_huanbei):
    phone_app(clerk_huanbei)
    return clerk_huanbei


def test_a_right_password_without_a_code_opens_no_admin_page(client, clerk):
    response = password_log_in(client, clerk)
    assert response["Location"].startswith(reverse("accounts:second-factor"))
    for page in ("admin:index", "admin:services_serviceapplication_changelist"):
        response = client.get(reverse(page))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    # The admin's log-in page sends her on to the code page, not round in circles.
    response = client.get(reverse("admin:login"))
    assert response["Location"].startswith(reverse("accounts:second-factor"))
    response = client.get(reverse("accounts:second-factor"))
    assert response["Location"].startswith(reverse("accounts:second-factor-verify"))


def test_a_right_code_opens_the_page_she_asked_for(client, clerk):
    wanted = reverse("admin:services_serviceapplication_changelist")
    response = password_log_in(client, clerk, next_url=wanted)
    response = client.get(response["Location"])  # the entry keeps ?next=
    assert response["Location"].endswith("?" + urlencode({"next": wanted}))
    response = give_code(client, next_code(phone_app(clerk)), next_url=wanted)
    assert response["Location"] == wanted
    assert client.get(wanted).status_code == 200


def test_a_wrong_code_is_refused_in_chinese(client, clerk):
    password_log_in(client, clerk)
    right = next_code(phone_app(clerk))
    response = give_code(client, f"{(int(right) + 1) % 1000000:06d}")
    assert response.status_code == 200
    assert "验证码不正确或已经用过" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_five_digit_code_says_how_to_find_the_right_one(client, clerk):
    password_log_in(client, clerk)
    response = give_code(client, "12345")
    assert "验证码应为6位数字，请打开手机上的身份验证器应用查看" in response.content.decode()


def test_a_code_cannot_be_used_twice(client, clerk):
    password_log_in(client, clerk)
    code = next_code(phone_app(clerk))
    assert give_code(client, code).status_code == 302
    client.logout()
    password_log_in(client, clerk)
    response = give_code(client, code)
    assert response.status_code == 200
    assert "验证码不正确或已经用过" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_recovery_code_works_once(client, clerk):
    codes = new_recovery_codes(clerk)
    password_log_in(client, clerk)
    response = give_code(client, codes[0].upper())
    assert response.status_code == 302, response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    password_log_in(client, clerk)
    assert "已经用过" in give_code(client, codes[0]).content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2)):  # after the wait
        assert give_code(client, codes[1]).status_code == 302


def test_after_a_wrong_code_she_waits_before_the_next(client, clerk):
    password_log_in(client, clerk)
    give_code(client, "000000" if next_code(phone_app(clerk)) != "000000" else "111111")
    response = give_code(client, next_code(phone_app(clerk)))
    assert "请等 1 秒后再输入" in response.content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2)):
        assert give_code(client, next_code(phone_app(clerk))).status_code == 302


def test_each_log_in_asks_again(client, clerk):
    password_log_in(client, clerk)
    give_code(client, next_code(phone_app(clerk)))
    client.post(reverse("admin:logout"))
    password_log_in(client, clerk)
    assert client.get(reverse("admin:index")).status_code == 302


def test_she_can_leave_from_the_code_page(client, clerk):
    password_log_in(client, clerk)
    assert client.get(reverse("accounts:second-factor-logout")).status_code == 405
    response = client.post(reverse("accounts:second-factor-logout"))
    assert response["Location"] == reverse("admin:login")
    assert client.get(reverse("accounts:second-factor-verify"))["Location"] == reverse(
        "admin:login"
    )


def test_a_next_to_another_site_is_not_followed(client, clerk):
    password_log_in(client, clerk)
    response = give_code(client, next_code(phone_app(clerk)), next_url="https://evil.example/")
    assert response["Location"] == reverse("admin:index")


def test_the_code_page_stays_within_its_query_budget(client, clerk, django_assert_max_num_queries):
    password_log_in(client, clerk)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("accounts:second-factor-verify")).status_code == 200
