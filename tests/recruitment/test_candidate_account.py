import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from recruitment.models import CandidateAccount
from tests.recruitment.conftest import CANDIDATE_PASSWORD
from tests.recruitment.factories import resident_id

pytestmark = pytest.mark.django_db

SIGN_UP = "recruitment:sign-up"


def _data(**changes):
    data = {
        "name": "王芳",
        "id_number": resident_id(21, "19970101"),
        "mobile": "138 0000 0021",
        "email": "",
        "password1": "Tongren-candidate-77",
        "password2": "Tongren-candidate-77",
    }
    return {**data, **changes}


def test_a_candidate_registers_and_is_logged_in_without_staff_rights(client, guide):
    response = client.post(reverse(SIGN_UP), _data())
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:mine")
    account = CandidateAccount.objects.get()
    assert account.mobile == "13800000021"
    assert not account.user.is_staff and not account.user.is_superuser
    page = client.get(reverse("recruitment:mine"))
    assert "王芳" in page.content.decode()
    admin = client.get(reverse("admin:index"))
    assert admin.status_code == 302 and "login" in admin["Location"]


def test_the_user_name_is_not_her_id_number_and_she_still_logs_in_with_the_number(guide):
    number = _data()["id_number"]
    Client().post(reverse(SIGN_UP), _data())
    user = CandidateAccount.objects.get().user
    assert number not in user.username and user.username.startswith("id-")
    client = Client()
    login = {"username": number.lower(), "password": "Tongren-candidate-77"}
    assert client.post(reverse("recruitment:login"), login).status_code == 302
    assert client.get(reverse("recruitment:mine")).status_code == 200


def test_one_account_per_id_number_refused_in_chinese_with_the_data_kept(client, wang_fang):
    response = client.post(reverse(SIGN_UP), _data(id_number=wang_fang.id_number, name="王芳芳"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "这个身份证号码已经注册过账号" in html
    assert 'value="王芳芳"' in html
    assert CandidateAccount.objects.count() == 1


def test_a_wrong_check_digit_and_different_passwords_are_explained(client, db):
    number = resident_id(22)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    response = client.post(reverse(SIGN_UP), _data(id_number=wrong, password2="something-else"))
    html = response.content.decode()
    assert "校验位不正确" in html
    assert "两次输入的密码不一样" in html
    assert get_user_model().objects.count() == 0


def test_a_weak_password_is_refused_by_djangos_validators(client, db):
    response = client.post(reverse(SIGN_UP), _data(password1="12345678", password2="12345678"))
    assert response.status_code == 200
    assert get_user_model().objects.count() == 0


def test_log_in_with_the_id_number_and_log_out(client, wang_fang):
    response = client.post(
        reverse("recruitment:login"),
        {"username": wang_fang.id_number.lower(), "password": CANDIDATE_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:mine")
    client.post(reverse("recruitment:logout"))
    assert client.get(reverse("recruitment:mine")).status_code == 302


def test_a_wrong_password_says_so_in_chinese(client, wang_fang):
    response = client.post(
        reverse("recruitment:login"), {"username": wang_fang.id_number, "password": "nope"}
    )
    assert "身份证号码或密码不正确" in response.content.decode()


@pytest.mark.axes
def test_repeated_failures_lock_the_candidate_log_in_like_the_admin(client, wang_fang, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(
            reverse("recruitment:login"), {"username": wang_fang.id_number, "password": "x"}
        )
    response = client.post(
        reverse("recruitment:login"),
        {"username": wang_fang.id_number, "password": CANDIDATE_PASSWORD},
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_ups_are_rate_limited_per_client(client, db, settings):
    settings.CANDIDATE_SIGNUP_RATE = "2/h"
    for serial in (31, 32):
        client.post(reverse(SIGN_UP), _data(id_number=resident_id(serial)))
        client.post(reverse("recruitment:logout"))
    response = client.post(reverse(SIGN_UP), _data(id_number=resident_id(33)))
    assert response.status_code == 429
    assert CandidateAccount.objects.count() == 2


def test_log_in_attempts_are_rate_limited_per_client(client, wang_fang, settings):
    settings.CANDIDATE_LOGIN_RATE = "2/10m"
    for _ in range(2):
        client.post(reverse("recruitment:login"), {"username": "x", "password": "y"})
    response = client.post(reverse("recruitment:login"), {"username": "x", "password": "y"})
    assert response.status_code == 429


def test_the_bench_switch_lifts_the_candidate_limits_for_loopback_clients_only(db, settings):
    """`make bench-writes` (BENCH_UNLIMITED=1) logs every candidate in from 127.0.0.1."""
    settings.CANDIDATE_LOGIN_RATE = "2/10m"
    settings.CANDIDATE_SIGNUP_RATE = "2/h"
    settings.BENCH_UNLIMITED = True
    loopback, outside = Client(REMOTE_ADDR="127.0.0.1"), Client(REMOTE_ADDR="198.51.100.7")
    for serial in (41, 42, 43):
        response = loopback.post(reverse(SIGN_UP), _data(id_number=resident_id(serial)))
        assert response.status_code == 302
        loopback.post(reverse("recruitment:logout"))
    for _ in range(3):
        response = loopback.post(reverse("recruitment:login"), {"username": "x", "password": "y"})
        assert response.status_code == 200
    for _ in range(2):
        outside.post(reverse("recruitment:login"), {"username": "x", "password": "y"})
    response = outside.post(reverse("recruitment:login"), {"username": "x", "password": "y"})
    assert response.status_code == 429
    for serial in (44, 45):
        outside.post(reverse(SIGN_UP), _data(id_number=resident_id(serial)))
        outside.post(reverse("recruitment:logout"))
    assert outside.post(reverse(SIGN_UP), _data(id_number=resident_id(46))).status_code == 429


@pytest.mark.axes
def test_the_bench_switch_never_lifts_the_lock_out_after_wrong_passwords(
    client, wang_fang, settings
):
    """The bench's candidates give their right password; wrong ones still lock out."""
    settings.BENCH_UNLIMITED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(
            reverse("recruitment:login"), {"username": wang_fang.id_number, "password": "x"}
        )
    response = client.post(
        reverse("recruitment:login"),
        {"username": wang_fang.id_number, "password": CANDIDATE_PASSWORD},
    )
    assert response.status_code == 429


def test_forgotten_password_page_gives_the_bureaus_phone_and_mails_a_link(
    client, wang_fang, round_2024, mailoutbox
):
    page = client.get(reverse("recruitment:password-reset")).content.decode()
    assert round_2024.bureau_phone in page
    wang_fang.user.email = "wangfang@example.com"
    wang_fang.user.save()
    client.post(reverse("recruitment:password-reset"), {"email": "wangfang@example.com"})
    assert len(mailoutbox) == 1
    assert "/recruitment/account/password/reset/" in mailoutbox[0].body


def test_a_candidate_changes_her_password(client, wang_fang, as_candidate):
    as_candidate(wang_fang)
    response = client.post(
        reverse("recruitment:password-change"),
        {
            "old_password": CANDIDATE_PASSWORD,
            "new_password1": "Another-long-pass-88",
            "new_password2": "Another-long-pass-88",
        },
    )
    assert response.status_code == 302
    wang_fang.user.refresh_from_db()
    assert wang_fang.user.check_password("Another-long-pass-88")


def test_account_pages_stay_within_their_query_budget(
    client, round_2024, django_assert_max_num_queries
):
    for name in ("sign-up", "login", "password-reset"):
        with django_assert_max_num_queries(6):
            assert client.get(reverse(f"recruitment:{name}")).status_code == 200
