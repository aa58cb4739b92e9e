"""Staff enter a year's State Council holiday arrangement in admin, and are reminded to."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bijiang_social.holiday_notice import parse_notice, read_spreadsheet
from bijiang_social.models import CalendarDay, HolidayArrangement

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
IMPORT = "admin:bijiang_social_holidayarrangement_import"
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。
"""


def _at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=SHANGHAI), tick=False)


def test_the_notice_gives_the_days_off_and_the_make_up_days_with_their_festival():
    days = {day.date: (day.kind, day.note) for day in parse_notice(NOTICE_2027, 2027)}
    assert len(days) == 3 + 7 + 1
    assert days[dt.date(2027, 1, 2)] == (CalendarDay.Kind.HOLIDAY, "元旦")
    assert days[dt.date(2027, 2, 11)] == (CalendarDay.Kind.HOLIDAY, "春节")
    assert days[dt.date(2027, 2, 13)] == (CalendarDay.Kind.WORKDAY, "春节调休上班")


def test_a_spreadsheet_of_dates_and_kinds_is_read():
    upload = SimpleUploadedFile(
        "2027.csv", "日期,类型,说明\n2027-01-01,放假,元旦\n2027-02-13,上班,春节调休\n".encode()
    )
    days = read_spreadsheet(upload, 2027)
    assert [(d.date, d.kind) for d in days] == [
        (dt.date(2027, 1, 1), CalendarDay.Kind.HOLIDAY),
        (dt.date(2027, 2, 13), CalendarDay.Kind.WORKDAY),
    ]


def test_an_impossible_date_is_refused_in_chinese():
    with pytest.raises(ValidationError, match="不是有效的日期"):
        parse_notice("2月30日放假", 2027)


def test_the_hub_imports_the_pasted_notice_and_the_year_is_entered(client, superuser):
    client.force_login(superuser)
    CalendarDay.objects.create(date=dt.date(2027, 3, 1), kind=CalendarDay.Kind.HOLIDAY)
    page = client.get(reverse(IMPORT))
    assert "导入国务院放假安排" in page.content.decode()
    response = client.post(
        reverse(IMPORT),
        {"year": "2027", "notice_name": "国办发明电〔2026〕X号", "notice_text": NOTICE_2027},
        follow=True,
    )
    assert "已导入2027年放假安排，共11天" in response.content.decode()
    assert CalendarDay.objects.filter(date__year=2027).count() == 11  # the old row replaced
    assert HolidayArrangement.objects.get(year=2027).notice == "国办发明电〔2026〕X号"


def test_the_district_hub_role_may_import_and_a_street_clerk_may_not(
    client, hub_officer, clerk_huanbei
):
    client.force_login(hub_officer)
    assert client.get(reverse(IMPORT)).status_code == 200
    client.force_login(clerk_huanbei)
    assert client.get(reverse(IMPORT)).status_code == 403


def test_an_import_without_dates_says_what_to_do_and_saves_nothing(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse(IMPORT), {"year": "2027", "notice_text": "没有日期"})
    assert "没有读到任何日期" in response.content.decode()
    assert not HolidayArrangement.objects.exists()


def test_a_clerk_without_the_calendar_permissions_cannot_import(client, clerk_huanbei):
    clerk_huanbei.user_permissions.add(Permission.objects.get(codename="view_holidayarrangement"))
    client.force_login(clerk_huanbei)
    assert client.get(reverse(IMPORT)).status_code == 403
    assert (
        client.post(reverse(IMPORT), {"year": "2027", "notice_text": NOTICE_2027}).status_code
        == 403
    )


def test_from_november_the_admin_asks_for_next_years_arrangement(client, superuser):
    with _at(2026, 10, 30, 9):
        client.force_login(superuser)  # staff sessions are short: log in at the pinned time
        assert "尚未录入2027年" not in client.get(reverse("admin:index")).content.decode()
    with _at(2026, 11, 2, 9):
        client.force_login(superuser)
        html = client.get(reverse("admin:index")).content.decode()
        assert "尚未录入2027年的国务院放假安排" in html
        assert reverse(IMPORT) in html
        HolidayArrangement.objects.create(year=2027)
        assert "尚未录入2027年" not in client.get(reverse("admin:index")).content.decode()


def test_the_banner_is_for_staff_pages_only(client, guide):
    with _at(2026, 12, 1, 9):
        assert "尚未录入" not in client.get(reverse("overview")).content.decode()


def test_an_import_without_year_or_dates_lists_each_message_and_saves_nothing(client, superuser):
    from tests.form_markup import error_summary, field_errors

    client.force_login(superuser)
    html = client.post(reverse(IMPORT), {"notice_name": "x"}).content.decode()
    assert error_summary(html) == (1, ["年份：请填写放假安排所属的年份，例如 2027。"])
    assert field_errors(html, "id_year") == ["请填写放假安排所属的年份，例如 2027。"]
    html = client.post(reverse(IMPORT), {"year": "2027"}).content.decode()
    assert error_summary(html) == (1, ["请粘贴通知正文中的日期，或上传放假安排表格。"])
    html = client.post(
        reverse(IMPORT), {"year": "2027", "notice_text": "元旦：13月1日放假。"}
    ).content.decode()
    count, messages = error_summary(html)
    assert count == len(messages) == 1 and "不是有效的日期" in messages[0]
    assert "一天也不保存" in html
    assert not HolidayArrangement.objects.exists()
