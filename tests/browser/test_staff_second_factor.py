"""A new member of staff's first two log-ins in a browser: password, set-up of the phone app
with a code computed from the secret the page shows, the recovery codes, log-out, and a log-in
with a new code."""

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts import access
from tests.conftest import STAFF_PASSWORD, _staff, next_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str) -> str:
    """What her phone app shows now for the secret she typed in."""
    key = base64.b32decode(secret.replace(" ", ""))
    return f"{totp(key):06d}"


def _password(page, live_server):
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("用户名").fill("new-clerk")
    page.get_by_label("密码").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_new_clerk_sets_up_her_phone_then_logs_in_with_a_code(live_server, huanbei, browser):
    _staff("new-clerk", role=access.STREET_CLERK, street=huanbei)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()

    _password(page, live_server)
    expect(page.get_by_role("heading", name="设置第二重验证")).to_be_visible()
    expect(page.locator("figure svg")).to_be_visible()  # the QR code
    secret = page.locator("#totp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4}){7}", secret)

    page.get_by_label("手机上显示的6位验证码").fill("12345")
    page.get_by_role("button", name="完成设置").click()
    expect(
        page.get_by_text("验证码应为6位数字，请打开手机上的身份验证器应用查看").first
    ).to_be_visible()

    first_code = _code(secret)
    page.get_by_label("手机上显示的6位验证码").fill(first_code)
    page.get_by_role("button", name="完成设置").click()
    expect(page.get_by_role("heading", name="请保存恢复码")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="我已保存，进入后台").click()
    expect(page.get_by_role("link", name="服务申请", exact=True).first).to_be_visible()

    page.locator("#logout-form button").click()
    _password(page, live_server)
    expect(page.get_by_role("heading", name="输入验证码")).to_be_visible()
    page.get_by_label("验证码或恢复码").fill(first_code)  # the code she already used
    page.get_by_role("button", name="验证并进入后台").click()
    expect(page.get_by_text("验证码不正确或已经用过").first).to_be_visible()
    page.wait_for_timeout(2500)  # django-otp makes her wait a second after a wrong code
    # The phone's next code, as the device now knows her phone (its drift, the last step used):
    # on a slow machine the set-up code may have been accepted a step late.
    device = TOTPDevice.objects.get(user__username="new-clerk", confirmed=True)
    page.get_by_label("验证码或恢复码").fill(next_code(device))
    page.get_by_role("button", name="验证并进入后台").click()
    expect(page.get_by_role("link", name="服务申请", exact=True).first).to_be_visible()
    context.close()
