"""A resident on a phone picks a file far past the size limit: the upload stops there, she
reads the limit in Chinese, what she typed is still in the form, and nothing is submitted."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from services.applications.models import ReviewPolicy, ServiceApplication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_file_past_the_limit_is_refused_and_the_typed_answers_stay(
    live_server, guide, huanbei, phone_page, tmp_path
):
    ReviewPolicy.objects.update(max_upload_mb=1)
    big = tmp_path / "身份证.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (8 * 1024 * 1024))
    page = phone_page
    page.goto(live_server.url + reverse("services:apply-form", args=["teshu-qunti"]))
    page.get_by_label("申请人姓名").fill("张三")
    page.get_by_label("身份证号码").fill("522201199001011230")
    page.get_by_label("手机号码").fill("13812345678")
    page.get_by_label("所在街道").select_option(str(huanbei.pk))
    page.get_by_label("需要什么帮助").fill("家中老人独居，腿脚不便，希望定期上门探访。")
    page.get_by_label("上传身份证").set_input_files(big)
    page.get_by_label(re.compile("我同意")).check()
    page.get_by_role("button", name="提交申请").click()

    alert = page.get_by_role("alert").first
    expect(alert).to_contain_text("文件太大：每个文件不能超过 1MB")
    expect(alert).to_contain_text("它后面的材料和勾选没有收到")
    expect(page.get_by_label("申请人姓名")).to_have_value("张三")
    expect(page.get_by_label("需要什么帮助")).to_have_value(
        "家中老人独居，腿脚不便，希望定期上门探访。"
    )
    assert not ServiceApplication.objects.exists()
