"""The clerk's day on a desktop: admin home → today's due case → preview a document → advance
it → assign a registered worker → add a note; a walk-in case to its printed receipt; the
hub's bulk assignment."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from services.applications.models import ServiceApplication
from services.applications.rules import apply_transition, end_of_day
from tests.conftest import STAFF_PASSWORD, pass_second_factor
from tests.services.conftest import make_case, png_file, registered_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


def _log_in(page, live_server, user):
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    pass_second_factor(page, user)
    expect(page.get_by_role("link", name="服务申请", exact=True).first).to_be_visible()


def test_the_clerks_day(live_server, guide, huanbei, clerk_huanbei, desk_page, private_storage):
    from services.applications.models import ServiceCategory

    category = ServiceCategory.objects.get(slug="minsheng-doudi")
    document = category.documents.first()
    case = make_case(category, huanbei, uploads=[(document, png_file(), "image/png")])
    ServiceApplication.objects.filter(pk=case.pk).update(
        current_due=end_of_day(timezone.localdate())
    )
    later = make_case(category, huanbei, name="王五", uploads=[])
    worker = registered_worker(huanbei, name="李娜", phone="13700002222")
    page = desk_page
    _log_in(page, live_server, clerk_huanbei)

    page.get_by_role("link", name="服务申请", exact=True).first.click()
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text(case.reference)
    expect(rows.first).to_contain_text("今日到期")
    expect(page.locator("#result_list")).to_contain_text(later.reference)
    page.get_by_role("link", name=case.reference).click()

    preview = page.get_by_role("img", name=document.name)
    expect(preview).to_be_visible()
    assert preview.evaluate("img => img.naturalWidth") > 0

    page.get_by_role("link", name="初审通过").click()
    page.get_by_label("内部备注").fill("材料齐全")
    page.get_by_role("button", name="确认初审通过").click()
    expect(page.locator(".messagelist")).to_contain_text("初审已通过")
    page.get_by_role("link", name="复核通过").click()
    page.get_by_role("button", name="确认复核通过").click()

    page.get_by_role("link", name="分派社工").click()
    page.get_by_label("负责社工（申请人可见）").select_option(str(worker.pk))
    page.get_by_role("button", name="确认分派社工").click()
    expect(page.locator(".messagelist")).to_contain_text("已分派社工")
    expect(page.locator(".case-summary")).to_contain_text("李娜，13700002222")

    page.get_by_label("内部备注").fill("已约好周四上门")
    page.get_by_role("button", name="添加内部备注").click()
    expect(page.locator("#timeline")).to_contain_text("已约好周四上门")
    case.refresh_from_db()
    assert case.assigned_worker == worker and case.notes.count() == 1


def test_a_walk_in_case_from_entry_to_printed_receipt(
    live_server, guide, huanbei, clerk_huanbei, desk_page, private_storage, tmp_path
):
    scan = tmp_path / "申请表.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    scan.write_bytes(buffer.getvalue())
    page = desk_page
    _log_in(page, live_server, clerk_huanbei)
    page.goto(live_server.url + reverse("admin:services_serviceapplication_changelist"))
    page.get_by_role("link", name="录入窗口或电话申请").click()
    page.get_by_role("link", name="民生兜底").click()
    page.get_by_label("申请人姓名").fill("刘七")
    page.get_by_label("身份证号码").fill("522201199001011230")
    page.get_by_label("手机号码").fill("13812349999")
    page.get_by_label("所在街道").select_option(str(huanbei.pk))
    community = page.get_by_label("所在社区")
    if community.locator("option").count() > 1:
        community.select_option(index=1)
    page.get_by_label("需要什么帮助").fill("老人独居，行动不便需要探访。")
    for upload in page.locator("input[type=file]").all():
        upload.set_input_files(str(scan))
    declaration = page.get_by_label("我确认以下声明", exact=False)
    if declaration.count():
        declaration.check()
    page.get_by_label("申请人已在纸质申请表上签字同意", exact=False).check()
    page.get_by_role("button", name="录入并生成回执").click()
    case = ServiceApplication.objects.get(applicant_name="刘七")
    expect(page.locator(".receipt")).to_contain_text(case.reference)
    expect(page.locator(".receipt")).to_contain_text("（含当日）")
    page.emulate_media(media="print")
    expect(page.locator("#header")).to_be_hidden()
    expect(page.locator(".receipt")).to_be_visible()
    assert case.channel == "walk_in" and case.entered_by == clerk_huanbei


def test_the_hub_assigns_several_cases_at_once(
    live_server, guide, huanbei, clerk_huanbei, hub_officer, desk_page
):
    from services.applications.models import ServiceCategory

    category = ServiceCategory.objects.get(slug="minsheng-doudi")
    cases = [make_case(category, huanbei, uploads=[]) for _ in range(3)]
    for case in cases:
        for action in ["first_pass", "final_pass"]:
            apply_transition(
                case, action, clerk_huanbei, now=timezone.now() - dt.timedelta(hours=1)
            )
    worker = registered_worker(huanbei, name="李娜")
    page = desk_page
    _log_in(page, live_server, hub_officer)
    page.goto(live_server.url + reverse("admin:services_serviceapplication_changelist"))
    for case in cases:
        page.locator(f"input[name=_selected_action][value='{case.pk}']").check()
    page.locator("select[name=action]").select_option("assign_worker")
    page.get_by_role("button", name="执行").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已选 3 个个案")
    page.get_by_label("负责社工").select_option(str(worker.pk))
    page.get_by_role("button", name="确认").click()
    expect(page.locator(".messagelist")).to_contain_text("已把 3 个个案分派给李娜")
    assert ServiceApplication.objects.filter(assigned_worker=worker).count() == 3
