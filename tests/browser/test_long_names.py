"""The longest names the forms accept (30 characters) on a 360 px phone: the admission ticket
and the social worker's own page show the whole name and still fit the screen."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Street
from careers.models import Certificate, CertificateLevel, SocialWorker
from recruitment import workflow
from recruitment.models import RecruitmentRound
from tests.recruitment.conftest import CANDIDATE_PASSWORD, make_candidate, registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# 30 characters: a long ethnic-minority name with its separator, as ID cards print it.
LONG_NAME = "阿依古丽·买买提艾力·努尔麦麦提·热合曼·欧阳娜仁托娅·吐尔逊"[:30]
PASSWORD = "Long-Name-2026!"


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_thirty_character_name_fits_on_the_admission_ticket(
    live_server, guide, phone_page, private_storage
):
    assert len(LONG_NAME) == 30
    round_ = RecruitmentRound.objects.get(year=2024)
    candidate = make_candidate(LONG_NAME, 51)
    registration(candidate, round_, "approved")
    workflow.assign_exam_numbers(round_)
    workflow.release_tickets(round_, None)
    page = phone_page
    page.goto(live_server.url + reverse("recruitment:login"))
    page.get_by_label("身份证号码").fill(candidate.id_number)
    page.get_by_label("密码").fill(CANDIDATE_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="打印准考证").click()
    expect(page.locator(".ticket")).to_contain_text(LONG_NAME)
    _fits(page)
    page.emulate_media(media="print")
    expect(page.locator(".ticket")).to_contain_text(LONG_NAME)
    _fits(page)


def test_a_thirty_character_name_fits_on_the_workers_own_page(live_server, guide, phone_page):
    worker = SocialWorker.objects.create(
        name=LONG_NAME,
        street=Street.objects.get(slug="huanbei"),
        started_on=dt.date(2023, 5, 1),
        organisation="碧江区阳光社会工作服务中心（环北街道社会工作服务站驻站项目组）",
        user=get_user_model().objects.create_user(username="long-name", password=PASSWORD),
    )
    Certificate.objects.create(
        worker=worker,
        level=CertificateLevel.objects.get(code="intermediate"),
        obtained_on=dt.date(2024, 1, 10),
    )
    page = phone_page
    page.goto(live_server.url + reverse("careers:login"))
    page.fill("input[name=username]", "long-name")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"我的 · {LONG_NAME}")
    expect(page.get_by_text("今年还没有审核通过的补贴名单。")).to_be_visible()
    _fits(page)
