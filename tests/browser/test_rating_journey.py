"""好差评 end to end: a clerk closes a case, the resident rates it 不满意 with a comment, the
station answers the rectification, the hub closes it, the resident sees the answer; the data
page's satisfaction rate changes."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from bijiang_social import seeding
from services.applications.models import ServiceCategory
from services.applications.rules import apply_transition
from services.ratings.rules import rate
from tests.conftest import STAFF_PASSWORD, pass_second_factor
from tests.services.conftest import bring_into_service, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _staff_page(browser, live_server, user):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("[type=submit]").click()
    pass_second_factor(page, user)
    expect(page.locator("#site-name")).to_be_visible()
    return page


def _satisfaction_this_month(page, live_server) -> str:
    page.goto(live_server.url + reverse("data"))
    chart = page.locator("figure", has=page.locator("#chart-satisfaction-title"))
    return chart.locator("tbody tr").last.locator("td").inner_text()


def test_a_poor_rating_is_answered_closed_and_shown_to_the_resident(
    live_server, browser, phone_page, huanbei, clerk_huanbei, hub_officer
):
    seeding.load_file(Path(settings.BASE_DIR, "services/seed/applications.yaml"), StringIO())
    category = ServiceCategory.objects.get(slug="shequ-zhili")
    for n in range(4):  # four earlier residents were satisfied
        earlier = make_case(category, huanbei, name=f"居民{n}", mobile=f"1390000000{n}")
        bring_into_service(earlier, clerk_huanbei)
        apply_transition(earlier, "close", clerk_huanbei)
        rate(earlier, "closing", level=5)
    case = make_case(category, huanbei, name="张三")
    bring_into_service(case, clerk_huanbei)
    resident = phone_page
    assert _satisfaction_this_month(resident, live_server) == "<5"

    clerk = _staff_page(browser, live_server, clerk_huanbei)
    clerk.goto(
        live_server.url + reverse("admin:services_serviceapplication_change", args=[case.pk])
    )
    clerk.get_by_role("link", name="结案", exact=True).click()
    clerk.get_by_role("button", name="确认结案").click()
    expect(clerk.locator(".messagelist")).to_be_visible()

    resident.goto(live_server.url + reverse("services:track"))
    resident.get_by_label("受理编号").fill(case.reference)
    resident.get_by_label("手机号后四位").fill("5678")
    resident.get_by_role("button", name="查询").click()
    expect(resident.locator(".current-status")).to_contain_text("已结案")
    resident.get_by_label("不满意", exact=True).check()
    resident.get_by_label("服务态度").check()
    resident.get_by_label("意见和建议（可不填）").fill("社工来得太晚，态度也不耐烦。")
    resident.get_by_role("button", name="提交评价").click()
    expect(resident.get_by_role("status")).to_contain_text("谢谢您的评价")
    expect(resident.locator(".rating-occasion")).to_contain_text("社工站正在整改")
    assert _satisfaction_this_month(resident, live_server) == "80%"  # 4 of 5

    clerk.goto(live_server.url + reverse("admin:services_rectification_changelist"))
    clerk.get_by_role("link", name=case.reference).click()
    expect(clerk.locator("body")).to_contain_text("社工来得太晚，态度也不耐烦。")
    clerk.get_by_label("社工站整改答复").fill("站长已约谈负责社工，并于周五上门致歉、补做探访。")
    clerk.get_by_role("button", name="保存", exact=True).click()

    hub = _staff_page(browser, live_server, hub_officer)
    hub.goto(live_server.url + reverse("admin:services_rectification_changelist"))
    hub.locator("input[name=_selected_action]").first.check()
    hub.locator("select[name=action]").select_option("close_selected")
    hub.locator("button[name=index]").click()
    expect(hub.locator(".messagelist")).to_contain_text("已办结 1 项整改")

    resident.goto(live_server.url + reverse("services:track"))
    resident.get_by_label("受理编号").fill(case.reference)
    resident.get_by_label("手机号后四位").fill("5678")
    resident.get_by_role("button", name="查询").click()
    answer = resident.locator(".rectification-answer")
    expect(answer).to_contain_text("站长已约谈负责社工，并于周五上门致歉、补做探访。")
    expect(resident.get_by_role("button", name="再评价一次")).to_be_visible()
