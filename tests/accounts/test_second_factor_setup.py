"""The set-up page: a member of staff's first log-in, after her password."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import RECOVERY_CODE_COUNT
from tests.accounts.conftest import password_log_in

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]


def _code_now(user, drift: int = 0) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, drift=drift):06d}"


def _set_up(client, code: str):
    return client.post(
        reverse("accounts:second-factor-setup"), {"code": code, "next": reverse("admin:index")}
    )


def test_her_first_log_in_goes_from_the_password_to_the_set_up(client, new_clerk):
    response = password_log_in(client, new_clerk)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:second-factor-setup"))
    page = response.content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    assert "腾讯身份验证器" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) == 32  # the 20-byte key in base32, to type by hand


def test_the_set_up_page_shows_the_same_secret_until_she_confirms(client, new_clerk):
    password_log_in(client, new_clerk)
    first = client.get(reverse("accounts:second-factor-setup")).content
    again = client.get(reverse("accounts:second-factor-setup")).content
    assert re.search(rb'totp-secret">([^<]+)', first).group(1) == re.search(
        rb'totp-secret">([^<]+)', again
    ).group(1)
    assert TOTPDevice.objects.filter(user=new_clerk).count() == 1


def test_a_right_code_confirms_and_shows_the_recovery_codes_once(client, new_clerk):
    password_log_in(client, new_clerk)
    client.get(reverse("accounts:second-factor-setup"))
    response = _set_up(client, _code_now(new_clerk))
    assert response["Location"].startswith(reverse("accounts:recovery-codes"))
    page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == RECOVERY_CODE_COUNT
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert "只显示这一次" in page
    # Shown once: the page does not show them again.
    assert client.get(reverse("accounts:recovery-codes")).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert TOTPDevice.objects.get(user=new_clerk).confirmed


def test_a_wrong_code_is_refused_and_sets_nothing_up(client, new_clerk):
    password_log_in(client, new_clerk)
    client.get(reverse("accounts:second-factor-setup"))
    wrong = f"{(int(_code_now(new_clerk)) + 1) % 1000000:06d}"
    response = _set_up(client, wrong)
    assert response.status_code == 200
    assert "验证码不正确或已经用过" in response.content.decode()
    assert not TOTPDevice.objects.get(user=new_clerk).confirmed
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_code_of_the_wrong_shape_says_where_to_find_it(client, new_clerk):
    password_log_in(client, new_clerk)
    response = _set_up(client, "12345")
    assert "验证码应为6位数字，请打开手机上的身份验证器应用查看" in response.content.decode()


def test_full_width_digits_and_spaces_are_accepted(client, new_clerk):
    password_log_in(client, new_clerk)
    client.get(reverse("accounts:second-factor-setup"))
    code = _code_now(new_clerk).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    response = _set_up(client, f"{code[:3]} {code[3:]}")
    assert response["Location"].startswith(reverse("accounts:recovery-codes"))


def test_someone_with_a_phone_app_is_sent_to_the_code_page(client, clerk_huanbei):
    from tests.conftest import phone_app

    phone_app(clerk_huanbei)
    password_log_in(client, clerk_huanbei)
    response = client.get(reverse("accounts:second-factor-setup"))
    assert response["Location"].startswith(reverse("accounts:second-factor-verify"))


def test_the_set_up_page_stays_within_its_query_budget(
    client, new_clerk, django_assert_max_num_queries
):
    password_log_in(client, new_clerk)
    client.get(reverse("accounts:second-factor-setup"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("accounts:second-factor-setup")).status_code == 200
