"""A social worker's journey: the clerk invites her, she activates her account, watches a
lesson (the page's script reports progress), sees her hours rise, applies for promotion in
the June window (a faked date); her clerk forwards it and the bureau approves it."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from careers.models import (
    Certificate,
    CertificateLevel,
    Course,
    Lesson,
    ProjectMonth,
    PromotionApplication,
    SocialWorker,
)
from tests.conftest import STAFF_PASSWORD, pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JUNE = dt.date(2026, 6, 10)
VIDEO = "careers/demo/sample-lesson.webm"
PASSWORD = "Oak-Bijiang-2026"  # not like her name (李娜 → lina): the password rules


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _staff_login(page, url, user):
    page.goto(url + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.locator("input[type=submit]").click()
    pass_second_factor(page, user)


@pytest.fixture
def setting(guide, huanbei, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }
    li = SocialWorker.objects.create(
        name="李娜", street=huanbei, started_on=dt.date(2023, 5, 1), organisation="阳光社工"
    )
    Certificate.objects.create(
        worker=li,
        level=CertificateLevel.objects.get(code="intermediate"),
        obtained_on=dt.date(2024, 1, 10),
    )
    ProjectMonth.objects.create(worker=li, month=dt.date(2025, 3, 1), project="困境儿童关爱")
    ProjectMonth.objects.create(worker=li, month=dt.date(2026, 3, 1), project="青少年心理健康")
    course = Course.objects.create(title="个案工作实务")
    lesson = Lesson(course=course, title="第一课：接案", order=1)
    lesson.video_type, lesson.duration_seconds = "video/webm", 12
    with open(VIDEO, "rb") as video:
        lesson.video.save("l.webm", ContentFile(video.read()), save=False)
    lesson.save()
    return li


def test_invited_worker_learns_applies_and_is_promoted(
    live_server, setting, clerk_huanbei, hub_officer, browser, desk
):
    url = live_server.url
    with mock.patch("django.utils.timezone.localdate", return_value=JUNE):
        # The clerk invites her from her record.
        _staff_login(desk, url, clerk_huanbei)
        desk.goto(f"{url}/admin/careers/socialworker/{setting.pk}/change/")
        desk.get_by_role("button", name="生成激活链接").click()
        link = desk.locator("#invitation-link").input_value()
        assert re.match(rf"{url}/careers/activate/.+/$", link)

        worker = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
        page = worker.new_page()
        page.set_default_timeout(20000)
        page.goto(link)
        page.fill("input[name=username]", "lina2026")
        page.fill("input[name=password1]", PASSWORD)
        page.fill("input[name=password2]", PASSWORD)
        page.get_by_role("button", name="开通账号").click()
        expect(page.get_by_role("status")).to_contain_text("账号已开通")
        page.fill("input[name=username]", "lina2026")
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("我的 · 李娜")
        expect(page.get_by_text("已观看0分00秒")).to_be_visible()

        # She watches the lesson; the page reports what played.
        page.get_by_role("link", name="录播课").first.click()
        page.get_by_role("link", name="第一课：接案").click()
        page.evaluate(
            "v => { v.muted = true; return v.play(); }", page.locator("video").element_handle()
        )
        expect(page.locator("#lesson-status")).to_contain_text("本课已完成", timeout=40000)
        page.get_by_role("link", name="我的").first.click()
        expect(page.get_by_text(re.compile(r"已观看0分1[12]秒"))).to_be_visible()

        # June: the window is open and she applies.
        page.get_by_role("link", name="晋升申请").first.click()
        expect(page.get_by_text("晋升申请窗口期开放中")).to_be_visible()
        page.get_by_label("个人陈述").fill(
            "近三年负责困境儿童关爱和青少年心理健康项目，希望承担项目主管工作。"
        )
        page.get_by_role("button", name="提交晋升申请").click()
        expect(page.get_by_role("status")).to_contain_text("晋升申请已提交")

        application = PromotionApplication.objects.get()
        change = f"{url}/admin/careers/promotionapplication/{application.pk}/change/"
        desk.goto(change)
        desk.get_by_role("button", name="报送民政部门").click()
        expect(desk.get_by_text("已报送民政部门")).to_be_visible()

        desk.context.clear_cookies()
        _staff_login(desk, url, hub_officer)
        desk.goto(change)
        desk.get_by_role("button", name="批准晋升").click()
        expect(desk.get_by_text("已批准晋升")).to_be_visible()

        page.reload()
        expect(page.get_by_role("heading", name=re.compile("民政部门已批准"))).to_be_visible()
        expect(page.get_by_text("自2026年7月1日起，您的岗位为项目主管")).to_be_visible()
        worker.close()
