import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_finds_a_station_by_name_and_opens_its_page(live_server, guide, phone_page):
    page = phone_page
    page.goto(live_server.url + reverse("services:index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("社工服务网络")
    page.get_by_label("输入您所在的社区、街道或道路名称").fill("中南")
    page.get_by_role("button", name="查找就近站点").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("查找就近站点")
    page.get_by_role("link", name="中南门社区社工服务点").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("中南门社区社工服务点")
    expect(page.get_by_text("示例数据").first).to_be_visible()
    apply = page.get_by_role("main").get_by_role("link", name="申请服务", exact=True)
    expect(apply).to_have_attribute("href", re.compile(r"\?station=jinjiang-zhongnanmen$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_map_markers_lead_to_their_stations(live_server, guide, phone_page):
    page = phone_page
    page.goto(live_server.url + reverse("services:index"))
    markers = page.locator("figure.network-map svg a")
    expect(markers).to_have_count(9)
    expect(page.locator('svg a[aria-label="环北街道社工站"]')).to_be_visible()
    page.locator('svg a[aria-label="环北街道社工站"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("环北街道社工站")

    page.go_back()
    page.locator('svg a[aria-label="碧江区社工总站"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("碧江区社工总站")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_use_my_location_sorts_the_nearest_points_first(live_server, guide, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="zh-CN",
        geolocation={"latitude": 27.6985, "longitude": 109.2090},  # 铜兴街道社工站
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(live_server.url + reverse("services:find"))
        page.get_by_role("button", name="使用我的位置").click()
        first = page.locator(".result").first
        expect(first).to_contain_text("铜兴街道社工站")
        expect(first).to_contain_text("步行约0分钟")
        expect(first).to_contain_text("在15分钟服务圈内")
    finally:
        context.close()


def test_without_javascript_the_location_button_stays_hidden_and_text_search_works(
    live_server, guide, browser
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("services:find"))
        expect(page.get_by_role("button", name="使用我的位置")).to_be_hidden()
        page.get_by_label("社区、街道或道路名称").fill("铜兴")
        page.get_by_role("button", name="查找", exact=True).click()
        expect(page.get_by_role("link", name="铜兴街道社工站")).to_be_visible()
    finally:
        context.close()
