"""The idle timeout holds without a database write on every request: a logged-in person's
session is saved again only once per touch interval, and ends after the idle time."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bijiang_social.sessions import needs_touch
from tests.careers.conftest import WORKER_PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def test_a_session_is_touched_once_the_interval_has_passed():
    assert needs_touch(None, 1000.0, 60)
    assert not needs_touch(1000.0, 1059.0, 60)
    assert needs_touch(1000.0, 1060.0, 60)


def _session_writes(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def test_pages_within_the_interval_write_no_session(client, li):
    with time_machine.travel(START, tick=False) as clock:
        client.login(username="li-na", password=WORKER_PASSWORD)
        _session_writes(client, reverse("careers:me"))  # the first page touches it
        clock.shift(dt.timedelta(seconds=30))
        assert _session_writes(client, reverse("careers:me")) == []
        clock.shift(dt.timedelta(seconds=31))
        assert _session_writes(client, reverse("careers:me")) != []


def test_activity_keeps_the_session_alive_past_the_idle_time(client, li):
    with time_machine.travel(START, tick=False) as clock:
        client.login(username="li-na", password=WORKER_PASSWORD)
        for _ in range(6):  # a page every ten minutes for an hour
            clock.shift(dt.timedelta(minutes=10))
            assert client.get(reverse("careers:me")).status_code == 200
        session = Session.objects.get()
        assert session.expire_date >= timezone.now() + dt.timedelta(minutes=29)


def test_thirty_minutes_without_a_request_log_her_out(client, li):
    with time_machine.travel(START, tick=False) as clock:
        client.login(username="li-na", password=WORKER_PASSWORD)
        assert client.get(reverse("careers:me")).status_code == 200
        clock.shift(dt.timedelta(minutes=30, seconds=1))
        response = client.get(reverse("careers:me"))
    assert response.status_code == 302 and "login" in response.url
