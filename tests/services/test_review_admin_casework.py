"""The clerk's case work in admin: the queue, the case page, assignment from registered
workers, contact time, notes, walk-in cases, bulk work, and the staff bugs fixed on the way."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from services.applications.models import CaseNote, ServiceApplication
from services.applications.rules import apply_transition
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import (
    make_case,
    pdf_file,
    png_file,
    registered_worker,
    shanghai,
    walk_in_data,
)

pytestmark = pytest.mark.django_db
Status = ServiceApplication.Status
CHANGELIST = "admin:services_serviceapplication_changelist"


def _login(client, user):
    assert client.login(username=user.username, password=STAFF_PASSWORD)


def _url(name, *args):
    return reverse(f"admin:services_serviceapplication_{name}", args=args)


def _approved(case, clerk):
    for action in ["first_pass", "final_pass"]:
        apply_transition(case, action, clerk)
    case.refresh_from_db()
    return case


def test_the_queue_puts_overdue_first_then_due_today_then_later(
    client, clerk_huanbei, minsheng, huanbei
):
    now = timezone.now()
    later = make_case(minsheng, huanbei, name="王五")
    overdue = make_case(minsheng, huanbei, name="张三", now=now - dt.timedelta(days=20))
    finished = make_case(minsheng, huanbei, name="赵六")
    apply_transition(finished, "first_reject", clerk_huanbei, reason="不符", alternatives=["热线"])
    _login(client, clerk_huanbei)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert (
        html.index(overdue.reference) < html.index(later.reference) < html.index(finished.reference)
    )
    assert '<span class="deadline deadline-overdue"><strong>已逾期</strong>' in html


def test_the_case_list_keeps_its_queries_constant_from_10_to_many_cases(
    client, clerk_huanbei, minsheng, huanbei, django_assert_max_num_queries
):
    worker = registered_worker(huanbei)
    for _ in range(10):
        case = make_case(minsheng, huanbei, name="张三", uploads=[])
        ServiceApplication.objects.filter(pk=case.pk).update(assigned_worker=worker)
    _login(client, clerk_huanbei)
    # Her password's age is read on the first staff page of a session.
    with django_assert_max_num_queries(17) as few:
        client.get(reverse(CHANGELIST))
    template = ServiceApplication.objects.first()
    copies = []
    for number in range(990):
        template.pk = None
        template.reference = f"BJ-2026-X{number:05d}"
        copies.append(
            ServiceApplication(
                **{
                    f.attname: getattr(template, f.attname)
                    for f in ServiceApplication._meta.concrete_fields
                }
            )
        )
    ServiceApplication.objects.bulk_create(copies)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(CHANGELIST))


def test_a_clerk_finds_a_case_by_the_phones_last_four_digits(
    client, clerk_huanbei, minsheng, huanbei
):
    mine = make_case(minsheng, huanbei, mobile="13900004321")
    other = make_case(minsheng, huanbei, mobile="13900008765")
    _login(client, clerk_huanbei)
    html = client.get(reverse(CHANGELIST), {"q": "4321"}).content.decode()
    assert mine.reference in html and other.reference not in html


def test_the_unassigned_and_worker_filters(client, clerk_huanbei, minsheng, huanbei):
    worker = registered_worker(huanbei)
    assigned = _approved(make_case(minsheng, huanbei), clerk_huanbei)
    apply_transition(assigned, "assign", clerk_huanbei, worker=worker)
    waiting = make_case(minsheng, huanbei)
    _login(client, clerk_huanbei)
    html = client.get(reverse(CHANGELIST), {"mine": "unassigned"}).content.decode()
    assert waiting.reference in html and assigned.reference not in html
    html = client.get(reverse(CHANGELIST), {"worker": worker.pk}).content.decode()
    assert assigned.reference in html and waiting.reference not in html
    html = client.get(reverse(CHANGELIST), {"mine": "mine"}).content.decode()
    assert assigned.reference in html and waiting.reference not in html


def test_the_case_page_shows_summary_steps_and_a_preview_without_forbidden_links(
    client, clerk_huanbei, minsheng, huanbei, django_assert_max_num_queries
):
    document = minsheng.documents.first()
    case = make_case(minsheng, huanbei, uploads=[(document, png_file(), "image/png")])
    _login(client, clerk_huanbei)
    with django_assert_max_num_queries(25):
        html = client.get(_url("change", case.pk)).content.decode()
    preview = _url("document", case.pk, case.documents.get().pk) + "?inline=1"
    assert f'<img src="{preview}"' in html
    assert 'class="step-button" href="' + _url("step", case.pk, "first_pass") in html
    assert html.index("step-button") < html.index("申请材料")
    assert "完成初审，期限 <strong>" in html
    assert reverse("admin:services_servicecategory_change", args=[minsheng.pk]) not in html
    assert reverse("admin:accounts_street_change", args=[huanbei.pk]) not in html
    response = client.get(preview)
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_a_pdf_is_previewed_in_a_frame(client, clerk_huanbei, minsheng, huanbei):
    document = minsheng.documents.first()
    case = make_case(minsheng, huanbei, uploads=[(document, pdf_file(), "application/pdf")])
    _login(client, clerk_huanbei)
    html = client.get(_url("change", case.pk)).content.decode()
    assert f'<iframe src="{_url("document", case.pk, case.documents.get().pk)}?inline=1"' in html


def test_a_rejection_form_marks_every_missing_field_at_once_with_the_case_beside_it(
    client, clerk_huanbei, huanbei_case
):
    _login(client, clerk_huanbei)
    html = client.post(_url("step", huanbei_case.pk, "first_reject"), {}).content.decode()
    assert "请修改以下2处后再提交" in html
    assert "请填写未通过的原因" in html and "请至少填写一条其他可行的帮扶途径" in html
    assert "个案摘要" in html and "申请材料" in html


def test_assigning_takes_the_workers_phone_from_her_record(client, clerk_huanbei, huanbei_case):
    worker = registered_worker(huanbei_case.street, name="李娜", phone="13700002222")
    _approved(huanbei_case, clerk_huanbei)
    _login(client, clerk_huanbei)
    page = client.get(_url("step", huanbei_case.pk, "assign")).content.decode()
    assert "李娜" in page
    response = client.post(_url("step", huanbei_case.pk, "assign"), {"worker": worker.pk})
    assert response.status_code == 302
    huanbei_case.refresh_from_db()
    assert huanbei_case.assigned_worker == worker
    assert (huanbei_case.social_worker, huanbei_case.social_worker_phone) == ("李娜", "13700002222")


def test_a_worker_of_another_street_or_a_bad_phone_is_refused(
    client, clerk_huanbei, huanbei_case, tongxing
):
    stranger = registered_worker(tongxing, name="外街社工")
    _approved(huanbei_case, clerk_huanbei)
    _login(client, clerk_huanbei)
    url = _url("step", huanbei_case.pk, "assign")
    html = client.post(url, {"worker": stranger.pk}).content.decode()
    assert "不在本街道社工站的在职名单中" in html
    worker = registered_worker(huanbei_case.street, name="李娜", phone="")
    html = client.post(url, {"worker": worker.pk, "phone": "12345"}).content.decode()
    assert "手机号码" in html
    huanbei_case.refresh_from_db()
    assert huanbei_case.status == Status.FINAL_PASSED


def test_the_real_contact_time_is_recorded_and_judged_honestly(
    client, clerk_huanbei, minsheng, huanbei
):
    case = make_case(minsheng, huanbei)
    apply_transition(case, "first_pass", clerk_huanbei)
    approved_at = timezone.now() - dt.timedelta(hours=30)
    apply_transition(case, "final_pass", clerk_huanbei, now=approved_at)
    apply_transition(case, "assign", clerk_huanbei, worker=registered_worker(huanbei))
    _login(client, clerk_huanbei)
    late = timezone.localtime(approved_at + dt.timedelta(hours=26))
    response = client.post(
        _url("step", case.pk, "contact"), {"contacted_at": f"{late:%Y-%m-%dT%H:%M}"}
    )
    assert response.status_code == 302
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages == [f"{case.reference}：已记录联系申请人。"]  # not "已已联系"
    html = client.get(_url("change", case.pk)).content.decode()
    assert f"{late:%Y-%m-%d %H:%M}（超过时限）" in html


def test_an_internal_note_is_in_the_staff_timeline_and_never_on_the_tracking_page(
    client, clerk_huanbei, huanbei_case
):
    _login(client, clerk_huanbei)
    response = client.post(_url("note", huanbei_case.pk), {"text": "申请人下午来电补充材料"})
    assert response.status_code == 302
    assert CaseNote.objects.get().author == clerk_huanbei
    html = client.get(_url("change", huanbei_case.pk)).content.decode()
    assert "内部备注" in html and "申请人下午来电补充材料" in html
    client.logout()
    track = client.get(
        reverse("services:track"), {"reference": huanbei_case.reference, "phone_last4": "5678"}
    ).content.decode()
    assert huanbei_case.reference in track and "申请人下午来电补充材料" not in track


def test_another_streets_clerk_cannot_add_a_note(client, clerk_tongxing, huanbei_case):
    _login(client, clerk_tongxing)
    assert client.post(_url("note", huanbei_case.pk), {"text": "x"}).status_code == 404
    assert not CaseNote.objects.exists()


def test_a_walk_in_case_gets_a_reference_deadlines_and_a_printable_receipt(
    client, clerk_huanbei, minsheng, huanbei, django_assert_max_num_queries
):
    _login(client, clerk_huanbei)
    url = _url("walkin") + f"?category={minsheng.slug}"
    with django_assert_max_num_queries(15):
        assert "申请表扫描件" in client.get(url).content.decode()
    data = walk_in_data(huanbei)
    html = client.post(url, data).content.decode()
    assert "请上传" in html and "纸质申请表的扫描件" in html  # every missing file at once
    for document in minsheng.documents.all():
        data[document.field_name] = pdf_file()
    data["scanned_form"] = png_file()
    response = client.post(url, data)
    case = ServiceApplication.objects.get(applicant_name="刘七")
    assert response.status_code == 302 and response.url == _url("receipt", case.pk)
    assert case.channel == "walk_in" and case.entered_by == clerk_huanbei
    assert case.first_review_due and case.documents.filter(name="纸质申请表扫描件").exists()
    receipt = client.get(response.url).content.decode()
    assert case.reference in receipt and "（含当日）" in receipt


def test_a_clerk_cannot_enter_a_case_for_another_street(client, clerk_huanbei, minsheng, tongxing):
    _login(client, clerk_huanbei)
    html = client.post(
        _url("walkin") + f"?category={minsheng.slug}", {"street": tongxing.pk}
    ).content.decode()
    assert "所选街道不存在" in html


def test_the_hub_assigns_several_cases_at_once_to_workers_of_their_street(
    client, hub_officer, clerk_huanbei, minsheng, huanbei, tongxing
):
    worker = registered_worker(huanbei, name="李娜")
    ours = [_approved(make_case(minsheng, huanbei), clerk_huanbei) for _ in range(2)]
    theirs = _approved(make_case(minsheng, tongxing), hub_officer)
    _login(client, hub_officer)
    selected = [c.pk for c in [*ours, theirs]]
    page = client.post(
        reverse(CHANGELIST), {"action": "assign_worker", "_selected_action": selected}
    )
    assert "分派社工：已选 3 个个案" in page.content.decode()
    response = client.post(
        reverse(CHANGELIST),
        {
            "action": "assign_worker",
            "_selected_action": selected,
            "apply": "1",
            "worker": worker.pk,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "已把 2 个个案分派给李娜" in html and theirs.reference in html
    assert ServiceApplication.objects.filter(assigned_worker=worker).count() == 2
    theirs.refresh_from_db()
    assert theirs.status == Status.FINAL_PASSED


def test_one_way_to_show_a_deadline_the_last_day_inclusive(minsheng, huanbei, clerk_huanbei):
    case = make_case(minsheng, huanbei, now=shanghai(2026, 11, 20, 10, 0))
    step = case.next_step()
    assert step.due_text == "2026-11-25（含当日）"
    from services.applications.models import deadline_text

    assert deadline_text(case.current_due) == "2026-11-25（含当日）"
    assert deadline_text(shanghai(2026, 11, 25, 14, 30)) == "2026-11-25 14:30前"


def test_an_exported_xlsx_with_empty_cells_re_imports_unchanged(guide):
    import tablib

    from services.models import ServicePoint
    from services.resources import ServicePointResource

    ServicePoint.objects.update(walking_note="", services_offered="")
    xlsx = ServicePointResource().export().export("xlsx")
    dataset = tablib.Dataset().load(xlsx, format="xlsx")  # empty cells come back as None
    result = ServicePointResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()


def test_every_import_error_is_in_chinese(guide):
    import tablib

    from services.resources import ServicePointResource

    dataset = ServicePointResource().export()
    first = list(dataset[0])
    headers = dataset.headers
    first[headers.index("纬度")] = "北纬27度"
    first[headers.index("排序")] = "第一"
    bad = tablib.Dataset(first, headers=headers)
    result = ServicePointResource().import_data(bad, dry_run=True)
    messages = [str(e) for row in result.invalid_rows for e in row.error_dict.values()]
    messages += [str(e.error) for _, errors in result.row_errors() for e in errors]
    assert messages
    assert all(any("\u4e00" <= char <= "\u9fff" for char in m) for m in messages), messages


def test_every_staff_case_page_keeps_a_query_budget(
    client, clerk_huanbei, hub_officer, huanbei_case, django_assert_max_num_queries
):
    for number in range(5):
        registered_worker(huanbei_case.street, name=f"社工{number}")
    _approved(huanbei_case, clerk_huanbei)
    _login(client, clerk_huanbei)
    pages = [
        _url("step", huanbei_case.pk, "assign"),
        _url("receipt", huanbei_case.pk),
        _url("walkin"),
    ]
    for url in pages:
        with django_assert_max_num_queries(18):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        response = client.post(
            reverse(CHANGELIST),
            {"action": "assign_worker", "_selected_action": [huanbei_case.pk]},
        )
        assert "分派社工：已选 1 个个案" in response.content.decode()
    client.logout()
    _login(client, hub_officer)
    for name in ["outboxmessage", "messagetemplate"]:
        # Her password's age is read on the first staff page of a session.
        with django_assert_max_num_queries(17):
            assert client.get(reverse(f"admin:services_{name}_changelist")).status_code == 200
