"""Supervision in admin: a clerk records sessions for her station's workers only and finds the
workers without a session in a month."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import SupervisionRecord
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_clerk_records_and_sees_only_her_stations_supervision(
    client, clerk_huanbei, workers, django_assert_max_num_queries
):
    SupervisionRecord.objects.create(
        worker=workers["liu"],
        source="senior",
        supervisor_name="赵老师",
        held_on=dt.date(2026, 4, 3),
        minutes=60,
        topic="铜兴的复盘",
    )
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    response = client.post(
        reverse("admin:careers_supervisionrecord_add"),
        {
            "worker": workers["li"].pk,
            "source": "association",
            "supervisor_name": "王督导",
            "held_on": "2026-04-10",
            "minutes": "60",
            "topic": "个案复盘",
            "follow_up": "",
        },
    )
    assert response.status_code == 302
    assert SupervisionRecord.objects.get(worker=workers["li"]).recorded_by == clerk_huanbei
    refused = client.post(
        reverse("admin:careers_supervisionrecord_add"),
        {
            "worker": workers["liu"].pk,
            "source": "association",
            "supervisor_name": "王督导",
            "held_on": "2026-04-10",
            "minutes": "60",
            "topic": "越权",
            "follow_up": "",
        },
    )
    assert refused.status_code == 200 and "选择一个有效的选项" in refused.content.decode()
    with django_assert_max_num_queries(14):
        listing = client.get(reverse("admin:careers_supervisionrecord_changelist"))
    html = listing.content.decode()
    assert "个案复盘" in html and "铜兴的复盘" not in html


def test_the_monthly_list_shows_workers_without_a_session(client, clerk_huanbei, workers):
    month = timezone.localdate().replace(day=1)
    SupervisionRecord.objects.create(
        worker=workers["li"],
        source="senior",
        supervisor_name="赵老师",
        held_on=month,
        minutes=60,
        topic="复盘",
    )
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    html = client.get(
        reverse("admin:careers_socialworker_changelist"),
        {"without_supervision": month.strftime("%Y-%m")},
    ).content.decode()
    assert "张伟" in html and "陈静" in html
    assert "李娜" not in html and "刘洋" not in html
