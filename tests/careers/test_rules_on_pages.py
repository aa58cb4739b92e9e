"""The pages say the rules the code applies: the completion share and the lecture link window
come from careers/learning.py and careers/lectures.py, never typed into a template."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import LiveLecture
from tests.careers.conftest import WORKER_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_courses_and_lesson_pages_say_the_completion_share_of_the_rule(
    client, li, lesson, monkeypatch
):
    monkeypatch.setattr("careers.me.COMPLETION_PERCENT", 80)
    client.login(username="li-na", password=WORKER_PASSWORD)
    assert "看完至少80%计为完成" in client.get(reverse("careers:courses")).content.decode()
    page = client.get(reverse("careers:lesson", args=[lesson.pk])).content.decode()
    assert "看完至少80%计为完成" in page and "90%" not in page


def test_the_lectures_page_says_the_link_window_of_the_rule(client, li, monkeypatch):
    LiveLecture.objects.create(
        title="儿童保护专题",
        speaker="铜仁学院 周教授",
        starts_at=timezone.now() + dt.timedelta(hours=3),
        duration_minutes=90,
        meeting_url="https://meeting.example/j/123",
        checkin_code="BJ2026",
    )
    monkeypatch.setattr("careers.me.LINK_MINUTES_BEFORE", 45)
    client.login(username="li-na", password=WORKER_PASSWORD)
    html = client.get(reverse("careers:lectures")).content.decode()
    assert "开讲前45分钟显示入会链接" in html and "30分钟" not in html
