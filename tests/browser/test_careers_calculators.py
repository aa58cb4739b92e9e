import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_social_worker_on_a_phone_uses_the_subsidy_calculator(live_server, guide, phone_page):
    page = phone_page
    page.goto(live_server.url + "/careers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("社工职业发展")
    page.get_by_role("link", name="用补贴计算器算一算我能领多少").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("社工补贴计算器")

    page.get_by_label("证书等级").select_option(label="社工师")
    page.get_by_label("今年参与重点民生项目的月数").fill("13")
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_role("alert")).to_contain_text("月数应在0到12之间")
    expect(page.get_by_label("证书等级")).to_have_value("intermediate")

    page.get_by_label("今年参与重点民生项目的月数").fill("12")
    page.get_by_role("button", name="计算").click()
    result = page.locator(".result-box")
    expect(result).to_contain_text("计算结果：社工师，参与重点项目12个月")
    expect(result.get_by_test_id("yearly-total")).to_have_text("9400元")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_social_worker_on_a_phone_checks_promotion(live_server, guide, phone_page):
    page = phone_page
    page.goto(live_server.url + "/careers/")
    page.get_by_role("navigation", name="职业发展栏目").get_by_role(
        "link", name="晋升条件自测"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("社工晋升条件自测")
    expect(page.get_by_role("heading", name="晋升申请窗口")).to_be_visible()

    # The role name leaves out the aria-hidden required marker (*) that the label text has.
    page.get_by_role("combobox", name="现任岗位", exact=True).select_option(label="一线社工")
    page.get_by_label("现任岗位的从业年限（年）").fill("1")
    page.get_by_label("参与过的重点项目（个）").fill("2")
    page.get_by_label("持有的社工证书").select_option(label="无证书")
    page.get_by_role("button", name="检查晋升条件").click()
    expect(page.locator(".result-box.is-short")).to_contain_text("任职年限还差 1 年")

    page.get_by_label("现任岗位的从业年限（年）").fill("2")
    page.get_by_role("button", name="检查晋升条件").click()
    expect(page.get_by_role("heading", level=2, name="符合条件")).to_contain_text(
        "可以申请晋升为项目主管"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
