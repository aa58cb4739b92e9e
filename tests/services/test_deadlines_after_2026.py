"""The promised review dates stay right after the chinesecalendar package runs out (2026):
the clock is pinned to the days the issue names and the resident's form is submitted."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from bijiang_social.holiday_notice import import_arrangement, parse_notice
from services.applications.models import ServiceApplication
from tests.services.test_apply_form import _data, _url

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
CHANGELIST = "admin:services_serviceapplication_changelist"


def _apply_on(client, category, street, *moment) -> ServiceApplication:
    with time_machine.travel(dt.datetime(*moment, tzinfo=SHANGHAI), tick=False):
        response = client.post(_url(category), _data(category, street))
        assert response.status_code == 302
        receipt = client.get(reverse("services:apply-receipt")).content.decode()
    case = ServiceApplication.objects.get()
    assert f"{case.final_review_due:%Y年}{case.final_review_due.month}月" in receipt
    return case


def test_a_case_submitted_on_28_december_2026_does_not_count_new_years_day(
    client, minsheng, huanbei
):
    case = _apply_on(client, minsheng, huanbei, 2026, 12, 28, 10)
    assert case.first_review_due == dt.date(2026, 12, 31)  # 3 working days
    # 7 working days: 29, 30, 31 December, then 4 to 7 January — 1 January 2027 is 元旦.
    assert case.final_review_due == dt.date(2027, 1, 7)


def test_a_case_submitted_on_3_february_2027_skips_the_spring_festival(client, minsheng, huanbei):
    case = _apply_on(client, minsheng, huanbei, 2027, 2, 3, 10)
    # 4 February, then the festival (5 to 10 February, observed days included), 11 and 12.
    assert case.first_review_due == dt.date(2027, 2, 12)
    assert case.final_review_due == dt.date(2027, 2, 18)


def test_staff_see_fallback_deadlines_marked_until_the_notice_is_imported(
    client, minsheng, huanbei, hub_officer
):
    _apply_on(client, minsheng, huanbei, 2027, 2, 3, 10)
    with time_machine.travel(dt.datetime(2027, 2, 3, 11, tzinfo=SHANGHAI), tick=False):
        client.force_login(hub_officer)  # staff sessions are short: log in at the pinned time
        html = client.get(reverse(CHANGELIST)).content.decode()
        assert "2027-02-12（含当日）（暂按法定节假日计算）" in html
        import_arrangement(2027, parse_notice("春节：2月5日至11日放假。", 2027))
        html = client.get(reverse(CHANGELIST)).content.decode()
        assert "2027-02-12（含当日）" in html and "暂按法定节假日计算" not in html


def test_residents_never_see_the_staff_mark(client, minsheng, huanbei):
    case = _apply_on(client, minsheng, huanbei, 2027, 2, 3, 10)
    with time_machine.travel(dt.datetime(2027, 2, 4, 9, tzinfo=SHANGHAI), tick=False):
        html = client.post(
            reverse("services:track"),
            {"reference": case.reference, "phone_last4": case.mobile[-4:]},
        ).content.decode()
    assert "2027年2月12日" in html and "暂按" not in html
