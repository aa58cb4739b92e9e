import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from careers.models import SignUp, TrainingChannel, TrainingSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_social_worker_signs_up_for_training_on_a_phone(live_server, guide, phone_page):
    TrainingSession.objects.create(
        channel=TrainingChannel.objects.get(name="民政部门线下培训"),
        topic="社区治理实务",
        starts_at=timezone.now() + dt.timedelta(days=10),
        place="碧江区民政局三楼会议室",
        capacity=30,
    )
    page = phone_page
    page.goto(live_server.url + "/careers/training/")
    expect(page.get_by_role("heading", level=1)).to_have_text("社工培训与督导")
    page.get_by_role("link", name="报名参加：社区治理实务").click()
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("所在机构").fill("环北街道社工站")
    page.get_by_label("手机号码").fill("1380013")
    page.get_by_role("button", name="确认报名").click()
    expect(page.get_by_role("alert")).to_contain_text("手机号码应为以1开头的11位数字")
    page.get_by_label("手机号码").fill("13800138000")
    page.get_by_role("button", name="确认报名").click()
    expect(page.get_by_role("status")).to_contain_text("报名成功：社区治理实务")
    expect(page.get_by_text("共30人，还剩29个")).to_be_visible()
    assert SignUp.objects.get().phone == "13800138000"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
