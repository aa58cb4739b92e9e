"""Candidates, workers, outsiders and visitors never see the second factor's pages."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from careers.models import SocialWorker
from tests.recruitment.conftest import CANDIDATE_PASSWORD, make_candidate

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]

PAGES = [
    "accounts:second-factor",
    "accounts:second-factor-setup",
    "accounts:second-factor-verify",
    "accounts:recovery-codes",
]


@pytest.fixture
def worker(huanbei):
    user = get_user_model().objects.create_user(username="li-na", password=CANDIDATE_PASSWORD)
    return SocialWorker.objects.create(
        name="李娜", street=huanbei, started_on=dt.date(2023, 5, 1), user=user
    )


@pytest.mark.parametrize("page", PAGES)
def test_a_candidate_gets_404(client, page):
    client.force_login(make_candidate("王芳", 11).user)
    assert client.get(reverse(page)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_a_worker_gets_404(client, worker, page):
    client.force_login(worker.user)
    assert client.get(reverse(page)).status_code == 404


def test_an_outsider_gets_404_and_makes_no_device(client, outsider):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(outsider)
    response = client.post(reverse("accounts:second-factor-setup"), {"code": "123456"})
    assert response.status_code == 404
    assert not TOTPDevice.objects.exists()


@pytest.mark.parametrize("page", PAGES)
def test_a_visitor_is_sent_to_the_admins_log_in(client, page):
    assert client.get(reverse(page))["Location"] == reverse("admin:login")


def test_an_inactive_clerk_is_not_logged_in_at_all(client, inactive_clerk):
    client.force_login(inactive_clerk)
    response = client.get(reverse("accounts:second-factor-setup"))
    assert response["Location"] == reverse("admin:login")
