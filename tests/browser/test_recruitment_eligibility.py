import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_applicant_on_a_phone_checks_which_posts_they_may_apply_for(
    live_server, guide, phone_page
):
    page = phone_page
    page.goto(live_server.url + reverse("recruitment:index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("2024年社工招聘指南")
    page.get_by_role("link", name="自测我能报哪些岗位").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2024年社工招聘报名资格自测")

    # A mistake first: no education chosen and words instead of a number of years.
    page.get_by_label("基层服务经验（年）").fill("一年")
    page.get_by_role("button", name="看看我能报哪些岗位").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("请选择您的最高学历。")
    expect(alert).to_contain_text("基层服务经验年数只能填写数字")
    expect(page.get_by_label("基层服务经验（年）")).to_have_attribute("aria-invalid", "true")

    # A vocational graduate with the eldercare certificate, not local, half a year of service.
    page.get_by_label("您的最高学历").select_option(label="中专（中职、技校）")
    page.get_by_role("group", name="全国社会工作者职业水平证书").get_by_label("没有").check()
    page.get_by_role("group", name="是否持有养老护理员证").get_by_label("是").check()
    page.get_by_role("group", name="户籍是否在碧江区").get_by_label("否").check()
    page.get_by_label("基层服务经验（年）").fill("0.5")
    page.get_by_role("button", name="看看我能报哪些岗位").click()

    answer = page.locator("#answer")
    expect(answer).to_contain_text("您可以报考1个岗位：社区养老服务岗")
    expect(answer).to_contain_text("凭中专学历和养老护理员证破格报名")
    expect(answer).to_contain_text("乡村社工岗：不能报考")
    expect(answer).to_contain_text("再积累0.5年基层服务经验，或户籍迁入碧江区后可以报名。")
    assert "grassroots_years=0.5" in page.url  # a GET form: the answer can be bookmarked

    # Readable on a 360 px phone: no sideways scrolling, large enough touch targets.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    button = page.get_by_role("button", name="看看我能报哪些岗位").bounding_box()
    assert button["height"] >= 44
    radio = page.get_by_role("group", name="户籍是否在碧江区").locator(".big-choice").first
    assert radio.bounding_box()["height"] >= 44


def test_the_score_calculator_works_without_javascript_on_a_phone(live_server, guide, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("recruitment:score", args=[2024]))
        page.get_by_label("笔试成绩（原始分，不含加分）").fill("57")
        page.get_by_label("面试成绩").fill("75")
        page.get_by_label("我持有全国社会工作者职业水平证书").check()
        page.get_by_role("button", name="计算综合成绩").click()
        expect(page.locator("#answer")).to_contain_text("62 × 40% + 75 × 60% = 24.8 + 45 = 69.8")
        page.get_by_label("面试成绩").fill("200")
        page.get_by_role("button", name="计算综合成绩").click()
        expect(page.get_by_role("alert")).to_contain_text("面试成绩应在0到100之间的数字")
    finally:
        context.close()
