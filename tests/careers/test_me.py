"""The worker's own page "我的": her station, role, certificates, subsidy from approved rolls,
training hours against her role's target, supervision with months flagged, readiness."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import (
    LectureAttendance,
    LessonProgress,
    LiveLecture,
    SessionAttendance,
    SubsidyRoll,
    SupervisionRecord,
    TrainingTarget,
)
from careers.rolls import approve_roll, submit_roll
from careers.workers import satisfaction_for, years_of_service
from tests.careers.conftest import WORKER_PASSWORD

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 20)


@pytest.fixture
def today():
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield TODAY


def _as_li(client):
    client.login(username="li-na", password=WORKER_PASSWORD)
    return client


def test_her_page_shows_station_role_certificates_subsidy_hours_and_supervision(
    client,
    li,
    huanbei_march,
    huanbei,
    hub_officer,
    clerk_huanbei,
    session,
    lesson,
    today,
    django_assert_max_num_queries,
):
    submit_roll(huanbei_march, clerk_huanbei)
    approve_roll(huanbei_march, hub_officer)
    SubsidyRoll.objects.create(street=huanbei, month=dt.date(2026, 4, 1))
    TrainingTarget.objects.create(role="frontline", yearly_hours=40)
    session.starts_at = timezone.make_aware(dt.datetime(2026, 3, 2, 9))
    session.save()
    SessionAttendance.objects.create(session=session, worker=li)  # 3 hours
    SupervisionRecord.objects.create(
        worker=li,
        source="association",
        supervisor_name="王督导",
        held_on=dt.date(2026, 2, 10),
        minutes=60,
        topic="个案复盘",
        confirmed_at=timezone.now(),
    )
    SupervisionRecord.objects.create(
        worker=li,
        source="senior",
        supervisor_name="赵老师",
        held_on=dt.date(2026, 4, 3),
        minutes=90,
        topic="家庭访视",
        follow_up="下月再访",
    )
    lecture = LiveLecture.objects.create(
        title="社区治理",
        speaker="铜仁学院 周教授",
        meeting_url="https://meeting.example/1",
        checkin_code="A1B2",
        duration_minutes=120,
        starts_at=timezone.make_aware(dt.datetime(2026, 1, 20, 14)),
    )
    LectureAttendance.objects.create(lecture=lecture, worker=li)  # 2 hours
    LessonProgress.objects.create(worker=li, lesson=lesson, credited_seconds=1800)  # 0.5 hour

    _as_li(client)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("careers:me"))
    html = response.content.decode()
    assert "环北街道（碧江区阳光社工服务中心）" in html
    assert "一线社工" in html and "社工师（2024年1月10日发证）" in html
    assert "2026年4月补贴名单：<strong>待提交</strong>" in html
    assert "3月" in html and "今年累计" in html and "700元" in html
    assert "已完成 <strong>6.5</strong> 小时，年度目标 40.0 小时（16%）" in html
    assert 'value="16"' in html
    # Unconfirmed supervision does not count yet; January and March have none.
    assert html.count("本月没有督导记录") == 2
    assert "确认这次督导" in html
    assert "服务满意度</dt><dd>暂无数据" in html
    assert response["Cache-Control"].count("private") or "no-cache" in response["Cache-Control"]


def test_a_new_worker_whose_station_has_no_roll_yet_sees_plain_words(client, li, today):
    assert not SubsidyRoll.objects.exists()
    response = _as_li(client).get(reverse("careers:me"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2026年4月补贴名单：<strong>待提交</strong>" in html
    assert "今年还没有审核通过的补贴名单。" in html
    assert "今年累计" not in html
    assert "（您的岗位暂未设定年度目标）" in html  # no target set either


def test_confirming_supervision_adds_its_hours(client, li, today):
    record = SupervisionRecord.objects.create(
        worker=li,
        source="university",
        supervisor_name="周教授",
        held_on=dt.date(2026, 4, 3),
        minutes=90,
        topic="家庭访视",
    )
    response = _as_li(client).post(reverse("careers:confirm-supervision", args=[record.pk]))
    assert response.url == reverse("careers:me")
    html = client.get(reverse("careers:me")).content.decode()
    assert "已确认" in html and "已完成 <strong>1.5</strong> 小时" in html


def test_a_worker_cannot_confirm_anothers_supervision(client, li, liu):
    record = SupervisionRecord.objects.create(
        worker=liu,
        source="senior",
        supervisor_name="赵老师",
        held_on=dt.date(2026, 4, 3),
        minutes=60,
        topic="复盘",
    )
    response = _as_li(client).post(reverse("careers:confirm-supervision", args=[record.pk]))
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.confirmed_at is None


def test_readiness_fills_the_checker_from_her_records(client, li, today):
    html = _as_li(client).get(reverse("careers:me")).content.decode()
    # Started 2023-06-01: 2.8 years; two key projects; 社工师.
    assert "任职年限：2.8年" in html and "参与重点项目：2个" in html
    assert "已符合晋升条件" in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("careers:me"))
    assert response.status_code == 302 and response.url.startswith(reverse("careers:login"))


@pytest.mark.page_cache
def test_her_page_is_never_page_cached(client, li):
    _as_li(client)
    first = client.get(reverse("careers:me"))
    assert "X-Page-Cache" not in first
    assert "private" in first["Cache-Control"] or "no-store" in first["Cache-Control"]


def test_years_of_service_counts_whole_months():
    assert str(years_of_service(dt.date(2024, 3, 1), dt.date(2026, 6, 15))) == "2.2"
    assert str(years_of_service(dt.date(2024, 3, 20), dt.date(2026, 3, 19))) == "1.9"
    assert str(years_of_service(None, dt.date(2026, 3, 19))) == "0"


def test_satisfaction_is_none_until_ratings_exist(li):
    assert satisfaction_for(li) is None


def test_satisfaction_is_the_share_of_satisfied_ratings_of_her_cases(li, client, minsheng):
    """2 of 3 residents satisfied with 李娜's cases -> 66.7%, shown on her page."""
    from services.ratings.models import Rating
    from tests.services.conftest import make_case

    category = minsheng
    for level in (5, 4, 2):
        case = make_case(category, li.street)
        Rating.objects.create(
            application=case, occasion="closing", level=level, social_worker="李娜"
        )
    assert str(satisfaction_for(li)) == "66.7"
    _as_li(client)
    assert "66.7%" in client.get(reverse("careers:me")).content.decode()
