"""Live lectures: the meeting link from 30 minutes before, check-in with the code, hours."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import LectureAttendance, LiveLecture
from tests.careers.conftest import WORKER_PASSWORD

pytestmark = pytest.mark.django_db


def _lecture(starts_in: dt.timedelta) -> LiveLecture:
    return LiveLecture.objects.create(
        title="儿童保护专题",
        speaker="铜仁学院 周教授",
        starts_at=timezone.now() + starts_in,
        duration_minutes=90,
        meeting_url="https://meeting.example/j/123",
        checkin_code="BJ2026",
    )


def _as_li(client):
    client.login(username="li-na", password=WORKER_PASSWORD)
    return client


def test_the_link_shows_from_thirty_minutes_before(client, li, django_assert_max_num_queries):
    later = _lecture(dt.timedelta(hours=2))
    _as_li(client)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("careers:lectures")).content.decode()
    assert "开讲前30分钟显示入会链接" in html and later.meeting_url not in html
    later.starts_at = timezone.now() + dt.timedelta(minutes=20)
    later.save()
    html = client.get(reverse("careers:lectures")).content.decode()
    assert later.meeting_url in html


def test_check_in_with_the_code_counts_the_lecture_once(client, li):
    lecture = _lecture(dt.timedelta(minutes=-10))
    url = reverse("careers:lecture-check-in", args=[lecture.pk])
    wrong = _as_li(client).post(url, {"code": "nope"}, follow=True)
    assert "签到码不正确" in wrong.content.decode()
    done = client.post(url, {"code": "bj2026"}, follow=True)
    assert "签到成功" in done.content.decode() and "90分钟" in done.content.decode()
    again = client.post(url, {"code": "BJ2026"}, follow=True)
    assert "您已签到过" in again.content.decode()
    assert LectureAttendance.objects.filter(worker=li).count() == 1
    html = client.get(reverse("careers:me")).content.decode()
    assert "已完成 <strong>1.5</strong> 小时" in html


def test_no_check_in_long_before_or_after(client, li):
    lecture = _lecture(dt.timedelta(days=-1))
    response = _as_li(client).post(
        reverse("careers:lecture-check-in", args=[lecture.pk]), {"code": "BJ2026"}, follow=True
    )
    assert "签到只在讲座进行期间开放" in response.content.decode()
    assert not LectureAttendance.objects.exists()
