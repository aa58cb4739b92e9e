"""The age-friendly mode, switched on and off by a plain link — with JavaScript turned off."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from services.models import ServicePoint
from tests.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TOUCH_TARGETS = ".elder-nav a, .mode-switch, main .btn, .site-search .btn, .form-control"


@pytest.fixture
def no_js_phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="zh-CN",
        java_script_enabled=False,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def hub(db):
    hub, _ = ServicePoint.objects.update_or_create(
        slug="district-hub",
        defaults={
            "level": ServicePoint.Level.HUB,
            "name": "碧江区社工总站",
            "address": "碧江区",
            "opening_hours": "工作日 9:00-17:00",
            "phone": "0856-5221234",
        },
    )
    return hub


def _px(page, selector: str, prop: str) -> float:
    return float(
        re.sub(
            "px$", "", page.locator(selector).first.evaluate(f"el => getComputedStyle(el).{prop}")
        )
    )


def test_a_resident_turns_on_the_mode_without_javascript_and_it_stays_on(
    live_server, guide, hub, no_js_phone
):
    page = no_js_phone
    assert CHROMIUM
    page.goto(live_server.url + reverse("faq"))
    html = page.locator("html")
    expect(html).not_to_have_class("elder")
    assert _px(page, "body", "fontSize") == 17  # the site's stylesheet is applied

    page.get_by_role("banner").get_by_role("link", name=re.compile("长辈模式")).click()
    expect(page).to_have_url(live_server.url + reverse("faq"))
    expect(html).to_have_class("elder")

    # Large text, generous line height.
    body_size = _px(page, "body", "fontSize")
    assert body_size >= 18
    assert _px(page, "body", "lineHeight") >= 1.5 * body_size
    assert _px(page, "h1", "fontSize") > body_size

    # The four tasks, with the hub's phone as a tel: link.
    nav = page.get_by_role("navigation", name="主导航")
    for label in ["找站点", "申请服务", "查进度"]:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    expect(nav.get_by_role("link", name=re.compile("打电话"))).to_have_attribute(
        "href", "tel:0856-5221234"
    )
    expect(nav.get_by_role("link", name="招聘指南")).to_have_count(0)

    # Every touch target is at least 60 × 60 px.
    for box in page.locator(TOUCH_TARGETS).evaluate_all(
        "els => els.map(el => [el.className, el.getBoundingClientRect().width,"
        " el.getBoundingClientRect().height])"
    ):
        assert box[1] >= 60 and box[2] >= 60, box

    # The mode stays on as the resident moves around, and the page does not scroll sideways.
    nav.get_by_role("link", name="查进度").click()
    expect(html).to_have_class("elder")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("banner").get_by_role("link", name="退出长辈模式").click()
    expect(page).to_have_url(live_server.url + reverse("services:track"))
    expect(html).not_to_have_class("elder")
    expect(page.get_by_role("navigation", name="主导航").get_by_role("link", name="招聘指南"))


def test_the_keyboard_reaches_the_skip_link_first_and_focus_is_always_visible(
    live_server, guide, phone_page
):
    page = phone_page
    page.goto(live_server.url + reverse("notices"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.goto(live_server.url + reverse("notices"))
    for _ in range(12):
        page.keyboard.press("Tab")
        ring = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [document.activeElement.tagName, s.outlineStyle,
                               parseFloat(s.outlineWidth), s.boxShadow]; }"""
        )
        assert ring[1] != "none" and ring[2] >= 2, ring
        assert ring[3] != "none", ring


@pytest.mark.parametrize("name", ["overview", "notices", "faq", "search", "services:apply"])
def test_text_enlarged_to_200_percent_loses_nothing_on_a_phone(
    live_server, guide, phone_page, name
):
    page = phone_page
    page.goto(live_server.url + reverse(name))
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert _px(page, "body", "fontSize") >= 32


def test_an_answer_and_a_notice_print_on_one_clean_a4_page(live_server, guide, phone_page):
    from bijiang_social.models import FaqQuestion, Notice

    page = phone_page
    for url in [
        FaqQuestion.objects.get(key="apply-materials").get_absolute_url(),
        Notice.objects.get(key="service-application-deadlines").get_absolute_url(),
    ]:
        page.goto(live_server.url + url)
        page.emulate_media(media="print")
        for hidden in [".site-nav", ".site-search", ".site-footer", ".breadcrumbs", ".mode-switch"]:
            expect(page.locator(hidden).first).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, url
        page.emulate_media(media="screen")
