"""The monthly subsidy roll in admin: two stations, the bureau, the Excel for payment."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from careers.models import SubsidyRoll
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(username=user.username, password=STAFF_PASSWORD)
    return client


def _url(name, roll):
    return reverse(f"admin:careers_roll_{name}", args=[roll.pk])


def _change(roll):
    return reverse("admin:careers_subsidyroll_change", args=[roll.pk])


def test_a_clerk_sees_only_her_stations_rolls(
    client, huanbei_march, tongxing_march, clerk_huanbei, django_assert_max_num_queries
):
    _login(client, clerk_huanbei)
    # Her password's age is read on the first staff page of a session.
    with django_assert_max_num_queries(15):
        response = client.get(reverse("admin:careers_subsidyroll_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "环北街道 2026年03月补贴名单" in html
    assert "铜兴街道" not in html


def test_a_clerk_cannot_open_or_submit_another_stations_roll(client, tongxing_march, clerk_huanbei):
    _login(client, clerk_huanbei)
    assert client.get(_change(tongxing_march)).status_code == 302  # admin: "does not exist"
    assert client.post(_url("submit", tongxing_march)).status_code == 404
    tongxing_march.refresh_from_db()
    assert tongxing_march.status == SubsidyRoll.Status.DRAFT


def test_a_clerk_creates_this_months_roll_and_it_is_computed_for_her(
    client, workers, clerk_huanbei, huanbei, tongxing
):
    _login(client, clerk_huanbei)
    add = reverse("admin:careers_subsidyroll_add")
    form = client.get(add).content.decode()
    assert "环北街道" in form and "铜兴街道" not in form
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    refused = client.post(add, {"street": tongxing.pk, "month": last_month.isoformat()})
    assert refused.status_code == 200 and SubsidyRoll.objects.count() == 0
    response = client.post(add, {"street": huanbei.pk, "month": last_month.isoformat()})
    assert response.status_code == 302
    roll = SubsidyRoll.objects.get()
    assert roll.month == last_month.replace(day=1)
    assert set(roll.lines.values_list("worker__name", flat=True)) == {"李娜", "张伟"}
    again = client.post(add, {"street": huanbei.pk, "month": last_month.isoformat()})
    assert "这个社工站这个月已经有补贴名单了" in again.content.decode()


def test_a_roll_for_a_future_month_is_refused(client, workers, clerk_huanbei, huanbei):
    _login(client, clerk_huanbei)
    next_year = timezone.localdate().replace(day=1) + dt.timedelta(days=400)
    response = client.post(
        reverse("admin:careers_subsidyroll_add"),
        {"street": huanbei.pk, "month": next_year.isoformat()},
    )
    assert "只能为本月或以前的月份准备补贴名单" in response.content.decode()


def test_submit_approve_and_export_for_payment(
    client,
    huanbei_march,
    tongxing_march,
    clerk_huanbei,
    clerk_tongxing,
    hub_officer,
    django_assert_max_num_queries,
):
    for clerk, roll in [(clerk_huanbei, huanbei_march), (clerk_tongxing, tongxing_march)]:
        _login(client, clerk)
        page = client.get(_change(roll)).content.decode()
        assert "提交民政部门审核" in page and "审核通过并锁定" not in page
        client.post(_url("submit", roll), follow=True)
        roll.refresh_from_db()
        assert roll.status == SubsidyRoll.Status.SUBMITTED

    # A clerk cannot approve, not even her own station's roll.
    _login(client, clerk_huanbei)
    response = client.post(_url("approve", huanbei_march), follow=True)
    assert "只有区民政部门" in response.content.decode()
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == SubsidyRoll.Status.SUBMITTED

    _login(client, hub_officer)
    with django_assert_max_num_queries(17):
        page = client.get(_change(huanbei_march))
    html = page.content.decode()
    assert "审核通过并锁定" in html and "李娜" in html and "700元" in html
    client.post(_url("approve", huanbei_march))
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == SubsidyRoll.Status.APPROVED
    html = client.get(_change(huanbei_march)).content.decode()
    assert "导出Excel" in html and "按补贴规则重新计算" not in html

    export = client.get(_url("export", huanbei_march))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "姓名" and rows[0][11] == "合计（元）"
    assert ("李娜", "社工师", 500, 0, 200, 700) in [(r[2], *r[7:12]) for r in rows[1:]]
    assert rows[-1][0] == "合计" and rows[-1][11] == 1000

    # Locked: preparing again changes nothing.
    response = client.post(_url("prepare", huanbei_march), follow=True)
    assert "不能再重新计算" in response.content.decode()


def test_an_unapproved_roll_cannot_be_exported(client, huanbei_march, hub_officer):
    _login(client, hub_officer)
    response = client.get(_url("export", huanbei_march), follow=True)
    assert "只有审核通过的名单可以导出发放" in response.content.decode()


def test_the_bureau_returns_a_roll_with_a_reason_the_station_sees(
    client, huanbei_march, clerk_huanbei, hub_officer
):
    _login(client, clerk_huanbei)
    client.post(_url("submit", huanbei_march))
    _login(client, hub_officer)
    assert "退回原因" in client.get(_url("return", huanbei_march)).content.decode()
    empty = client.post(_url("return", huanbei_march), {"reason": "  "})
    assert "退回名单必须写明原因" in empty.content.decode()
    huanbei_march.refresh_from_db()
    assert huanbei_march.status == SubsidyRoll.Status.SUBMITTED
    client.post(_url("return", huanbei_march), {"reason": "张伟的证书日期请核对"})
    _login(client, clerk_huanbei)
    html = client.get(_change(huanbei_march)).content.decode()
    assert "已退回，请修改后重新提交" in html and "张伟的证书日期请核对" in html
    assert "提交民政部门审核" in html


def test_the_bureau_approves_several_submitted_rolls_at_once(
    client, huanbei_march, tongxing_march, clerk_huanbei, hub_officer
):
    _login(client, clerk_huanbei)
    client.post(_url("submit", huanbei_march))
    _login(client, hub_officer)
    client.post(
        reverse("admin:careers_subsidyroll_changelist"),
        {"action": "approve_selected", "_selected_action": [huanbei_march.pk, tongxing_march.pk]},
    )
    statuses = dict(SubsidyRoll.objects.values_list("street__slug", "status"))
    assert statuses == {"huanbei": "approved", "tongxing": "draft"}


def test_step_urls_refuse_get(client, huanbei_march, hub_officer):
    _login(client, hub_officer)
    assert client.get(_url("approve", huanbei_march)).status_code == 405
