"""The staff's 资格审查 queue and review page, exam numbers, seats, tickets and the export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import PersonalDataExport, SecurityEvent
from recruitment.models import Registration
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.conftest import registration

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:recruitment_registration_changelist")


def _review(pk):
    return reverse("admin:recruitment_registration_review", args=[pk])


@pytest.fixture
def officer(client, recruitment_officer):
    client.login(username=recruitment_officer.username, password=STAFF_PASSWORD)
    return client


@pytest.fixture
def wangs(wang_fang, open_round):
    return registration(wang_fang, open_round)


def test_the_queue_lists_submitted_forms_with_filters_and_masked_names(
    officer, wangs, li_na, open_round, django_assert_max_num_queries
):
    registration(li_na, open_round, "draft", is_local=True)
    # Her password's age is read on the first staff page of a session.
    with django_assert_max_num_queries(19):
        html = officer.get(QUEUE + "?status__exact=submitted").content.decode()
    assert "王*" in html and "李*" not in html
    assert "持证情况" in html and "碧江区户籍" in html


def test_the_review_page_shows_the_form_photo_and_scans_through_the_checked_view(
    officer, wangs, django_assert_max_num_queries
):
    # 14, and the audit record's entry for a page with full personal data (on PostgreSQL:
    # the chain's lock, the last entry, the new one, in a savepoint).
    with django_assert_max_num_queries(19):
        html = officer.get(_review(wangs.pk)).content.decode()
    photo = reverse("admin:recruitment_registration_document", args=[wangs.pk, "photo"])
    assert photo in html and "铜仁学院" in html
    [seen] = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PERSONAL_DATA_VIEWED)
    assert seen.detail["id"] == wangs.pk and seen.detail["model"] == "recruitment.registration"
    response = officer.get(photo)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_returning_needs_a_reason_the_candidate_then_sees(officer, wangs, client):
    response = officer.post(_review(wangs.pk), {"action": "return", "reason": ""})
    assert "需要填写原因" in response.content.decode()
    wangs.refresh_from_db()
    assert wangs.status == "submitted"
    officer.post(_review(wangs.pk), {"action": "return", "reason": "毕业证扫描件不清晰"})
    wangs.refresh_from_db()
    assert wangs.status == "returned" and wangs.reason == "毕业证扫描件不清晰"
    assert wangs.events.last().title == "退回修改"


def test_approving_and_the_original_check_are_recorded(officer, wangs):
    officer.post(_review(wangs.pk), {"originals": "1"})
    officer.post(_review(wangs.pk), {"action": "approve", "reason": ""})
    wangs.refresh_from_db()
    assert wangs.status == "approved" and wangs.originals_checked_at is not None
    titles = list(wangs.events.values_list("title", flat=True))
    assert titles[-2:] == ["现场原件核验完成", "资格审查通过"]


def test_a_read_only_viewer_sees_the_queue_but_cannot_decide(client, read_only_viewer, wangs):
    client.login(username=read_only_viewer.username, password=STAFF_PASSWORD)
    assert client.get(_review(wangs.pk)).status_code == 200
    assert client.post(_review(wangs.pk), {"action": "approve"}).status_code == 403
    wangs.refresh_from_db()
    assert wangs.status == "submitted"


def test_a_street_clerk_cannot_open_registrations(client, clerk_huanbei, wangs):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    assert client.get(_review(wangs.pk)).status_code == 403
    photo = reverse("admin:recruitment_registration_document", args=[wangs.pk, "photo"])
    assert client.get(photo).status_code == 403


def test_candidates_never_reach_the_admin(client, wang_fang, wangs, as_candidate):
    as_candidate(wang_fang)
    response = client.get(_review(wangs.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_exam_numbers_rooms_and_seats_follow_the_post_and_the_room_size(
    officer, open_round, wang_fang, li_na
):
    from tests.recruitment.conftest import make_candidate

    people = [wang_fang, li_na, make_candidate("张敏", 13), make_candidate("赵丽", 14)]
    for person in people:
        registration(person, open_round, "approved")
    open_round.seats_per_room = 3
    open_round.save()
    officer.post(
        QUEUE,
        {"action": "assign_numbers", "_selected_action": [Registration.objects.first().pk]},
    )
    numbers = list(
        Registration.objects.order_by("exam_number").values_list("exam_number", "room", "seat")
    )
    assert numbers == [
        ("2024010001", "第01考场", 1),
        ("2024010002", "第01考场", 2),
        ("2024010003", "第01考场", 3),
        ("2024010004", "第02考场", 1),
    ]
    officer.post(
        QUEUE,
        {"action": "release_tickets", "_selected_action": [Registration.objects.first().pk]},
    )
    open_round.refresh_from_db()
    assert open_round.tickets_released_at is not None
    assert Registration.objects.first().events.last().title == "准考证可打印"


def test_the_export_masks_personal_data_without_the_permission(client, read_only_viewer, wangs):
    client.login(username=read_only_viewer.username, password=STAFF_PASSWORD)
    response = client.post(QUEUE, {"action": "export_xlsx", "_selected_action": [wangs.pk]})
    row = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[1]
    assert wangs.id_number not in row and "王*" in row
    assert not PersonalDataExport.objects.exists()


def test_the_export_has_full_data_with_the_permission_and_is_logged(officer, wangs):
    response = officer.post(QUEUE, {"action": "export_xlsx", "_selected_action": [wangs.pk]})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = list(sheet.iter_rows(values_only=True))[1]
    assert wangs.id_number in row and "王芳" in row
    assert sheet.freeze_panes == "A2"
    assert PersonalDataExport.objects.get().row_ids == str(wangs.pk)


def test_a_return_without_reason_is_shown_in_the_one_error_summary_and_at_the_field(officer, wangs):
    from tests.form_markup import error_summary, field_errors

    html = officer.post(_review(wangs.pk), {"action": "return", "reason": ""}).content.decode()
    count, messages = error_summary(html)
    assert count == 1 == len(messages)
    at_field = field_errors(html, "id_reason")
    assert messages == [f"原因（退回、不通过时必填，考生会看到）：{at_field[0]}"]
    assert '<option value="return" selected>' in html
