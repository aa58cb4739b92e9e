from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _database_down():
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    )


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down():
    with _database_down():
        response = Client().get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_runs_one_query_and_touches_no_session(client, django_assert_num_queries):
    client.cookies["sessionid"] = "a-session-that-does-not-exist"
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert not response.cookies


def test_a_public_page_answers_a_chinese_503_while_the_database_is_down(guide):
    with _database_down():
        response = Client(raise_request_exception=False).get(reverse("overview"))
    assert response.status_code == 503
    assert "服务暂时不可用" in response.content.decode()
    assert response["Retry-After"] == "60"


def test_pages_work_again_when_the_database_is_back(guide):
    browser = Client(raise_request_exception=False)
    with _database_down():
        assert browser.get(reverse("overview")).status_code == 503
    assert browser.get(reverse("overview")).status_code == 200
