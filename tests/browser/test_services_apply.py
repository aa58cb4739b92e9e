"""A resident on a phone: choose a category, apply with a photo, read the receipt, track."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from services.applications.models import ServiceApplication
from services.models import ServicePoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(tmp_path):
    path = tmp_path / "身份证.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_resident_applies_on_a_phone_gets_a_receipt_and_tracks_the_case(
    live_server, guide, huanbei, phone_page, tmp_path, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    community = ServicePoint.objects.filter(street=huanbei, level="community").first()
    page = phone_page
    page.goto(live_server.url + reverse("services:apply") + "?station=huanbei-station")
    expect(page.get_by_role("heading", level=1)).to_have_text("在线申请社工服务")
    page.get_by_role("link", name="申请特殊群体帮扶服务").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("特殊群体帮扶")
    expect(page.get_by_label("所在街道")).to_have_value(str(huanbei.pk))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_role("button", name="提交申请").bounding_box()["height"] >= 44

    # First try with a mistyped ID number: the typed data stays and the error is named.
    page.get_by_label("所在社区").select_option(str(community.pk))
    page.get_by_label("申请人姓名").fill("张三")
    page.get_by_label("身份证号码").fill("522201199001011231")
    page.get_by_label("手机号码").fill("13812345678")
    page.get_by_label("需要什么帮助").fill("家中老人独居，腿脚不便，希望定期上门探访。")
    page.get_by_label("上传身份证").set_input_files(_photo(tmp_path))
    page.get_by_label("上传资质证明").set_input_files(_photo(tmp_path))
    page.get_by_label(re.compile("我同意")).check()
    page.get_by_role("button", name="提交申请").click()
    alert = page.get_by_role("alert").first
    expect(alert).to_contain_text("校验位不正确")
    expect(alert).to_contain_text("请重新选择：身份证、资质证明")
    expect(page.get_by_label("申请人姓名")).to_have_value("张三")
    expect(page.get_by_label("需要什么帮助")).to_have_value(
        "家中老人独居，腿脚不便，希望定期上门探访。"
    )

    page.get_by_label("身份证号码").fill("522201199001011230")
    page.get_by_label("上传身份证").set_input_files(_photo(tmp_path))
    page.get_by_label("上传资质证明").set_input_files(_photo(tmp_path))
    page.get_by_label(re.compile("我同意")).check()
    page.get_by_role("button", name="提交申请").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    case = ServiceApplication.objects.get()
    expect(page.locator(".receipt-reference")).to_contain_text(case.reference)
    expect(page.get_by_text("初审：")).to_be_visible()
    expect(page.get_by_role("button", name="打印回执")).to_be_visible()
    assert case.documents.count() == 2

    page.get_by_role("link", name="查询办理进度").click()
    expect(page.get_by_label("受理编号")).to_have_value(case.reference)
    page.get_by_label("手机号后四位").fill("5678")
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".current-status")).to_contain_text("已提交")
    expect(page.get_by_text("完成初审，最晚")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
