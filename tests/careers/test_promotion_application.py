"""The June promotion application: in the window from PromotionWindow, she applies; her
station forwards or returns it; the bureau approves or rejects; the role changes next month."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.models import Achievement, PromotionApplication, Role
from careers.promotions import apply_due_promotions
from tests.careers.conftest import WORKER_PASSWORD
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db
JUNE = dt.date(2026, 6, 10)


def _on(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def _as(client, username, password=WORKER_PASSWORD):
    client.logout()
    client.login(username=username, password=password)
    return client


def _apply(client, **extra):
    return client.post(
        reverse("careers:application"),
        {
            "statement": "近两年负责青少年心理健康项目，完成个案42个，希望承担项目主管工作。",
            **extra,
        },
        follow=True,
    )


def _step(client, application, name, reason=""):
    return client.post(
        reverse("admin:careers_promotionapplication_step", args=[application.pk, name]),
        {"reason": reason},
        follow=True,
    )


def test_outside_the_window_the_page_says_when_it_opens(client, li, django_assert_max_num_queries):
    _as(client, "li-na")
    with _on(dt.date(2026, 3, 1)), django_assert_max_num_queries(22):
        html = client.get(reverse("careers:application")).content.decode()
    assert "下一次晋升申请窗口期" in html and "2026年6月1日至6月30日" in html
    assert "提交晋升申请" not in html
    with _on(dt.date(2026, 3, 1)):
        _apply(client)
    assert not PromotionApplication.objects.exists()


def test_the_whole_journey_apply_forward_approve_and_the_role_changes_next_month(
    client, li, clerk_huanbei, hub_officer, private_media
):
    _as(client, "li-na")
    with _on(JUNE):
        added = client.post(
            reverse("careers:add-achievement"),
            {
                "title": "青少年心理健康项目结项报告",
                "kind": "report",
                "achieved_on": "2026-05-20",
                "file": SimpleUploadedFile("r.pdf", b"%PDF-1.4 report", "application/pdf"),
            },
            follow=True,
        )
        assert "已登记专业成果" in added.content.decode()
        achievement = Achievement.objects.get()
        page = client.get(reverse("careers:application")).content.decode()
        assert "晋升申请窗口期开放中" in page and "任职年限</dt><dd>3.0年" in page
        done = _apply(client, achievements=[achievement.pk])
    assert "晋升申请已提交" in done.content.decode()
    application = PromotionApplication.objects.get()
    assert (application.from_role, application.to_role) == (Role.FRONTLINE, Role.SUPERVISOR)
    assert application.key_projects == 2 and application.level_name == "社工师"
    assert list(application.achievements.all()) == [achievement]

    _as(client, clerk_huanbei.username, STAFF_PASSWORD)
    assert (
        "批准晋升"
        not in client.get(
            reverse("admin:careers_promotionapplication_change", args=[application.pk])
        ).content.decode()
    )
    _step(client, application, "forward")
    application.refresh_from_db()
    assert application.status == PromotionApplication.Status.FORWARDED

    _as(client, hub_officer.username, STAFF_PASSWORD)
    with _on(JUNE):
        _step(client, application, "approve")
    application.refresh_from_db()
    assert application.status == PromotionApplication.Status.APPROVED
    assert application.effective_from == dt.date(2026, 7, 1)

    apply_due_promotions(dt.date(2026, 6, 30))
    li.refresh_from_db()
    assert li.role == Role.FRONTLINE
    _as(client, "li-na")
    with _on(dt.date(2026, 7, 1)):
        html = client.get(reverse("careers:me")).content.decode()
    li.refresh_from_db()
    assert li.role == Role.SUPERVISOR and "项目主管" in html


def test_the_station_returns_with_a_reason_and_she_resubmits(client, li, clerk_huanbei):
    _as(client, "li-na")
    with _on(JUNE):
        _apply(client)
    application = PromotionApplication.objects.get()
    _as(client, clerk_huanbei.username, STAFF_PASSWORD)
    refused = _step(client, application, "return")
    assert "必须写明原因" in refused.content.decode()
    _step(client, application, "return", "请补充结项报告")
    _as(client, "li-na")
    with _on(JUNE):
        html = client.get(reverse("careers:application")).content.decode()
        assert "社工站已退回" in html and "请补充结项报告" in html
        _apply(client)
    application.refresh_from_db()
    assert application.status == PromotionApplication.Status.SUBMITTED


def test_another_stations_clerk_and_a_clerk_deciding_are_refused(
    client, li, clerk_tongxing, clerk_huanbei
):
    _as(client, "li-na")
    with _on(JUNE):
        _apply(client)
    application = PromotionApplication.objects.get()
    _as(client, clerk_tongxing.username, STAFF_PASSWORD)
    assert _step(client, application, "forward").status_code == 404
    _as(client, clerk_huanbei.username, STAFF_PASSWORD)
    _step(client, application, "forward")
    refused = _step(client, application, "approve")
    assert "不能对这份申请执行这一步" in refused.content.decode()
    application.refresh_from_db()
    assert application.status == PromotionApplication.Status.FORWARDED


def test_a_worker_sees_only_her_own_application_and_files(client, li, liu, private_media):
    other = Achievement.objects.create(
        worker=liu,
        title="x",
        kind="paper",
        achieved_on=dt.date(2026, 1, 1),
        file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"),
    )
    _as(client, "li-na")
    assert client.get(reverse("careers:achievement-file", args=[other.pk])).status_code == 404


def test_a_fake_pdf_is_refused_with_the_form_kept(client, li):
    _as(client, "li-na")
    response = client.post(
        reverse("careers:add-achievement"),
        {
            "title": "结项报告",
            "kind": "report",
            "achieved_on": "2026-05-20",
            "file": SimpleUploadedFile("r.pdf", b"GIF89a", "application/pdf"),
        },
    )
    html = response.content.decode()
    assert "内容不是 PDF" in html and 'value="结项报告"' in html


def test_the_admin_pages_of_applications_keep_their_query_budget(
    client, li, clerk_huanbei, django_assert_max_num_queries
):
    _as(client, "li-na")
    with _on(JUNE):
        _apply(client)
    application = PromotionApplication.objects.get()
    _as(client, clerk_huanbei.username, STAFF_PASSWORD)
    with django_assert_max_num_queries(14):
        listing = client.get(reverse("admin:careers_promotionapplication_changelist"))
    assert "李娜" in listing.content.decode()
    with django_assert_max_num_queries(22):
        page = client.get(
            reverse("admin:careers_promotionapplication_change", args=[application.pk])
        )
    html = page.content.decode()
    assert "报送民政部门" in html and "退回社工修改" in html and "批准晋升" not in html


def test_the_station_sees_the_return_reason_through_the_site_form_templates(
    client, li, clerk_huanbei
):
    _as(client, "li-na")
    with _on(JUNE):
        _apply(client)
    application = PromotionApplication.objects.get()
    _as(client, clerk_huanbei.username, STAFF_PASSWORD)
    url = reverse("admin:careers_promotionapplication_change", args=[application.pk])
    html = client.get(url).content.decode()
    marker = '<span class="required-marker" aria-hidden="true">*</span>'
    assert f'for="reason-return">退回社工修改的原因（社工会看到）{marker}</label>' in html
    assert re.search(r'<textarea name="reason"[^>]*required[^>]*id="reason-return"', html)
    assert 'id="reason-forward"' not in html  # 报送 needs no reason


def test_a_pdf_with_a_web_page_in_its_first_kilobyte_is_refused(client, li):
    _as(client, "li-na")
    polyglot = b"%PDF-1.4\n%<svg onload=alert(document.cookie)>\n"
    response = client.post(
        reverse("careers:add-achievement"),
        {
            "title": "结项报告",
            "kind": "report",
            "achieved_on": "2026-05-20",
            "file": SimpleUploadedFile("r.pdf", polyglot, "application/pdf"),
        },
    )
    assert "这个 PDF 的开头含有网页代码" in response.content.decode()
    assert not Achievement.objects.exists()


def test_an_achievement_pdf_larger_than_the_body_limit_of_a_form_still_arrives(
    client, li, settings, private_media
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100 * 1024
    _as(client, "li-na")
    with _on(JUNE):
        client.post(
            reverse("careers:add-achievement"),
            {
                "title": "结项报告",
                "kind": "report",
                "achieved_on": "2026-05-20",
                "file": SimpleUploadedFile(
                    "r.pdf", b"%PDF-1.4" + b" " * 300_000, "application/pdf"
                ),
            },
        )
    assert Achievement.objects.get().file.size > 300_000
