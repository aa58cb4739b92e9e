import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from services.ical import fold
from services.models import RuralVisit, ServicePoint

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def visits(guide):
    RuralVisit.objects.all().delete()
    start = ServicePoint.objects.get(slug="chuandong-station")

    def visit(village: str, days: int, **extra) -> RuralVisit:
        return RuralVisit.objects.create(
            village=village,
            township="坝黄镇",
            visit_date=TODAY + dt.timedelta(days=days),
            start_point=start,
            social_worker="杨社工",
            what_to_bring="身份证、户口簿",
            **extra,
        )

    return [visit("远期村", 40), visit("今天村", 0), visit("上月村", -20), visit("去年村", -400)]


def test_upcoming_visits_come_first_and_past_ones_are_hidden(client, visits):
    html = client.get(reverse("services:rural-visits")).content.decode()
    assert html.index("今天村") < html.index("远期村")
    assert "上月村" not in html and "去年村" not in html
    assert "身份证、户口簿" in html
    assert "杨社工" in html
    assert "<dt>请携带</dt>" in html
    assert html.count("<h1") == 1


def test_it_says_so_when_nothing_is_scheduled(client, guide):
    RuralVisit.objects.all().delete()
    html = client.get(reverse("services:rural-visits")).content.decode()
    assert "近期暂无已排定的进村日程" in html


def test_the_ics_feed_lists_the_schedule_as_all_day_events(client, visits):
    response = client.get(reverse("services:rural-visits-ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 3  # the last month kept, last year dropped
    assert f"DTSTART;VALUE=DATE:{TODAY:%Y%m%d}" in body
    assert "SUMMARY:流动社工进村：坝黄镇今天村" in body
    assert "去年村" not in body
    assert "身份证\\、户口簿" not in body and "身份证、户口簿" in body.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_ics_uids_take_the_sites_domain_whatever_host_was_typed(client, visits, settings):
    settings.SITE_DOMAIN = "sg.bijiang.example"
    url = reverse("services:rural-visits-ics")
    uids = [
        re.findall(r"^UID:(\S+)", client.get(url, HTTP_HOST=host).content.decode(), re.M)
        for host in ("localhost", "127.0.0.1")
    ]
    assert uids[0] == uids[1] and len(uids[0]) == 3
    assert all(uid.endswith("@sg.bijiang.example") for uid in uids[0])


def test_ics_text_escapes_commas_and_semicolons(client, guide):
    RuralVisit.objects.update(what_to_bring="身份证,户口簿;照片")
    body = client.get(reverse("services:rural-visits-ics")).content.decode().replace("\r\n ", "")
    assert "身份证\\,户口簿\\;照片" in body


def test_folding_never_splits_a_chinese_character():
    line = "DESCRIPTION:" + "社" * 60
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))


def test_the_page_and_the_feed_keep_to_their_query_budgets(
    client, visits, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        client.get(reverse("services:rural-visits"))
    with django_assert_max_num_queries(1):
        client.get(reverse("services:rural-visits-ics"))
