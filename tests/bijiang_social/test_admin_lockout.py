import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import STAFF_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.axes]


def _try(client, password):
    return client.post(reverse("admin:login"), {"username": "hub-officer", "password": password})


def test_admin_login_locks_out_after_repeated_failures(client, hub_officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "wrong-password")
    response = _try(client, STAFF_PASSWORD)
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()


def test_a_correct_password_before_the_limit_still_logs_in(client, hub_officer):
    _try(client, "wrong-password")
    response = _try(client, STAFF_PASSWORD)
    assert response.status_code == 302
