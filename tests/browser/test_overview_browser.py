import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_on_a_phone_sees_the_figure_strip_and_follows_the_navigation(
    live_server, guide, phone_page
):
    page = phone_page
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("碧江区社工体系全景")
    # The guide's seven figures; the portal's own live figures follow in their own section.
    figures = page.locator("section[aria-labelledby=figures-heading] .key-figure")
    expect(figures).to_have_count(7)
    expect(page.get_by_role("heading", name=re.compile("本平台实时数据"))).to_be_visible()
    expect(figures.first).to_contain_text("本土社工机构")
    expect(figures.first).to_contain_text("12")

    # Body text is at least 16 px and the page does not scroll sideways on a 360 px phone.
    font_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= 16
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    nav = page.get_by_role("navigation", name="主导航")
    for label, heading in [
        ("服务网络", "社工服务网络"),
        ("申请服务", "在线申请社工服务"),
        ("招聘指南", "2024年社工招聘指南"),
        ("职业发展", "社工职业发展"),
        ("首页", "碧江区社工体系全景"),
    ]:
        nav.get_by_role("link", name=label, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(heading))
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
