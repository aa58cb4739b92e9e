"""A candidate on a phone (360 px): registers, fills and submits the 报名表 with a photo and a
PDF, is returned for correction by the recruitment officer, resubmits, is approved and
prints the admission ticket; another candidate, after the window, can change nothing."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from recruitment import workflow
from recruitment.models import RecruitmentRound, Registration, TimelineStep
from tests.conftest import STAFF_PASSWORD, pass_second_factor
from tests.recruitment.conftest import CANDIDATE_PASSWORD, PDF, jpeg, make_candidate, registration
from tests.recruitment.factories import resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


def _window(days_from: int, days_to: int) -> RecruitmentRound:
    round_ = RecruitmentRound.objects.get(year=2024)
    today = timezone.localdate()
    TimelineStep.objects.filter(round=round_, kind="registration").update(
        starts_on=today + dt.timedelta(days=days_from), ends_on=today + dt.timedelta(days=days_to)
    )
    return round_


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _staff_decides(browser, live_server, registration_pk: int, action: str, reason: str = ""):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    staff = context.new_page()
    staff.goto(live_server.url + reverse("admin:login"))
    staff.fill("#id_username", "recruitment-officer")
    staff.fill("#id_password", STAFF_PASSWORD)
    staff.locator("input[type=submit]").click()
    pass_second_factor(staff, get_user_model().objects.get(username="recruitment-officer"))
    staff.goto(
        live_server.url + reverse("admin:recruitment_registration_review", args=[registration_pk])
    )
    expect(staff.get_by_role("heading", name="报名表")).to_be_visible()
    expect(staff.get_by_alt_text("证件照")).to_be_visible()
    staff.get_by_label("操作").select_option(label=action)
    if reason:
        staff.get_by_label("原因").fill(reason)
    staff.get_by_role("button", name="确定").click()
    expect(staff.locator(".messagelist")).to_contain_text(action)
    context.close()


def test_a_candidate_registers_is_returned_resubmits_and_prints_the_ticket(
    live_server, guide, recruitment_officer, browser, phone_page, tmp_path, private_storage
):
    round_ = _window(-1, 5)
    photo = tmp_path / "证件照.jpg"
    photo.write_bytes(jpeg((330, 450)))
    diploma = tmp_path / "毕业证.pdf"
    diploma.write_bytes(PDF)
    page = phone_page

    page.goto(live_server.url + reverse("recruitment:round", args=[2024]))
    page.get_by_role("link", name="注册考生账号").click()
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("身份证号码").fill(resident_id(41, "19980808"))
    page.get_by_label("手机号码").fill("13800000041")
    page.get_by_label("设置密码").fill(CANDIDATE_PASSWORD)
    page.get_by_label("再输入一次密码").fill(CANDIDATE_PASSWORD)
    _fits(page)
    page.get_by_role("button", name="注册并登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的报名")

    page.get_by_role("link", name="填写报名表").click()
    page.get_by_label("报考岗位").select_option(label="社区社工岗")
    page.get_by_label("最高学历").select_option(label="本科")
    page.get_by_label("毕业院校").fill("铜仁学院")
    page.get_by_label("专业").fill("社会工作")
    page.get_by_label("毕业时间").fill("2020-07-01")
    page.locator("#id_is_local_0").check()
    page.get_by_label("证件照").set_input_files(photo)
    page.get_by_label("学历证书扫描件").set_input_files(diploma)
    _fits(page)
    page.get_by_role("button", name="提交报名表").click()
    expect(page.locator(".status").first).to_have_text("已提交，待资格审查")

    submitted = Registration.objects.get()
    _staff_decides(browser, live_server, submitted.pk, "退回修改", "毕业证扫描件不清晰")

    page.reload()
    expect(page.locator(".status").first).to_have_text("退回修改")
    expect(page.get_by_text("审查意见：毕业证扫描件不清晰")).to_be_visible()
    page.get_by_role("link", name="填写 / 修改报名表").click()
    expect(page.get_by_label("毕业院校")).to_have_value("铜仁学院")
    page.get_by_label("学历证书扫描件").set_input_files(diploma)
    page.get_by_role("button", name="提交报名表").click()
    expect(page.locator(".status").first).to_have_text("已提交，待资格审查")

    _staff_decides(browser, live_server, submitted.pk, "资格审查通过")
    workflow.assign_exam_numbers(round_)
    workflow.release_tickets(round_, recruitment_officer)

    page.reload()
    expect(page.locator(".status").first).to_have_text("审查通过")
    page.get_by_role("link", name="打印准考证").click()
    expect(page.locator(".exam-number")).to_have_text("2024010001")
    _fits(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".ticket")).to_be_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF准考证").click()
    assert download.value.suggested_filename == "admission-ticket-2024010001.pdf"


def test_after_the_window_a_candidate_can_read_but_not_change_her_form(
    live_server, guide, phone_page, private_storage
):
    round_ = _window(-10, -1)
    li_na = make_candidate("李娜", 42)
    registration(li_na, round_, "returned", reason="补充社工证")
    page = phone_page
    page.goto(live_server.url + reverse("recruitment:login"))
    page.get_by_label("身份证号码").fill(li_na.id_number)
    page.get_by_label("密码").fill(CANDIDATE_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的报名")
    page.get_by_role("link", name="填写 / 修改报名表").click()
    expect(page.get_by_role("status")).to_contain_text("网上报名已经结束")
    expect(page.get_by_role("button", name="提交报名表")).to_have_count(0)
    expect(page.get_by_role("button", name="保存草稿")).to_have_count(0)
    _fits(page)
