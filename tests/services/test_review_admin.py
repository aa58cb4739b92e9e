"""Staff review in Django admin: row-level access by street, steps, documents, export."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from services.applications.models import FollowUp, ServiceApplication
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import VALID_ID, bring_into_service, make_case, shanghai

pytestmark = pytest.mark.django_db
Status = ServiceApplication.Status
CHANGELIST = "admin:services_serviceapplication_changelist"


def _login(client, user):
    assert client.login(username=user.username, password=STAFF_PASSWORD)


def _change(case):
    return reverse("admin:services_serviceapplication_change", args=[case.pk])


def _step(case, action):
    return reverse("admin:services_serviceapplication_step", args=[case.pk, action])


def _document(case):
    document = case.documents.first()
    return reverse("admin:services_serviceapplication_document", args=[case.pk, document.pk])


def test_a_clerk_sees_only_their_streets_cases_with_masked_numbers(
    client, clerk_huanbei, huanbei_case, tongxing_case, django_assert_max_num_queries
):
    _login(client, clerk_huanbei)
    # Her password's age is read on the first staff page of a session.
    with django_assert_max_num_queries(17):
        response = client.get(reverse(CHANGELIST))
    html = response.content.decode()
    assert response.status_code == 200
    assert huanbei_case.reference in html
    assert tongxing_case.reference not in html
    assert "522201********1230" in html
    assert VALID_ID not in html
    assert "138****5678" in html
    assert "各街道社工站未办结申请" not in html  # the per-station count is for the hub


def test_a_clerk_cannot_open_act_on_or_download_another_streets_case(
    client, clerk_huanbei, tongxing_case
):
    _login(client, clerk_huanbei)
    response = client.get(_change(tongxing_case))
    assert response.status_code == 302  # admin: "does not exist"
    assert client.get(_step(tongxing_case, "first_pass")).status_code == 404
    assert client.post(_step(tongxing_case, "first_pass"), {"note": "x"}).status_code == 404
    assert client.get(_document(tongxing_case)).status_code == 404
    tongxing_case.refresh_from_db()
    assert tongxing_case.status == Status.SUBMITTED


def test_the_other_streets_clerk_is_refused_the_same_way(client, clerk_tongxing, huanbei_case):
    _login(client, clerk_tongxing)
    assert client.get(_document(huanbei_case)).status_code == 404
    assert huanbei_case.reference not in client.get(reverse(CHANGELIST)).content.decode()


def test_the_district_hub_sees_every_street_and_a_count_per_station(
    client, hub_officer, huanbei_case, tongxing_case
):
    _login(client, hub_officer)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert huanbei_case.reference in html and tongxing_case.reference in html
    assert "各街道社工站未办结申请" in html
    assert '<th scope="row">环北街道</th><td>1</td>' in html
    assert '<th scope="row">铜兴街道</th><td>1</td>' in html
    assert client.get(_document(tongxing_case)).status_code == 200


def test_a_clerk_downloads_a_document_of_their_street_as_an_attachment(
    client, clerk_huanbei, huanbei_case
):
    _login(client, clerk_huanbei)
    response = client.get(_document(huanbei_case))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert huanbei_case.reference in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_resident_or_an_outsider_cannot_reach_the_cases(client, outsider, huanbei_case):
    assert client.get(_document(huanbei_case)).status_code == 302
    _login(client, outsider)
    response = client.get(_document(huanbei_case))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_case_page_offers_only_the_next_steps_and_no_free_status_edit(
    client, clerk_huanbei, huanbei_case
):
    _login(client, clerk_huanbei)
    html = client.get(_change(huanbei_case)).content.decode()
    assert _step(huanbei_case, "first_pass") in html
    assert _step(huanbei_case, "first_reject") in html
    assert _step(huanbei_case, "close") not in html
    assert 'name="status"' not in html
    assert 'name="_save"' not in html
    assert VALID_ID in html  # the entitled clerk sees the full number on the case itself


def test_a_clerk_passes_the_first_review_and_the_step_is_recorded(
    client, clerk_huanbei, huanbei_case
):
    _login(client, clerk_huanbei)
    response = client.post(_step(huanbei_case, "first_pass"), {"note": "材料齐全"})
    assert response.status_code == 302
    huanbei_case.refresh_from_db()
    assert huanbei_case.status == Status.FIRST_PASSED
    event = huanbei_case.events.last()
    assert (event.actor, event.note) == (clerk_huanbei, "材料齐全")


def test_a_rejection_without_an_alternative_is_sent_back_with_a_message(
    client, clerk_huanbei, huanbei_case
):
    _login(client, clerk_huanbei)
    response = client.post(
        _step(huanbei_case, "first_reject"), {"reason": "收入超过标准", "alternatives": ""}
    )
    assert response.status_code == 200
    assert "请至少填写一条其他可行的帮扶途径" in response.content.decode()
    huanbei_case.refresh_from_db()
    assert huanbei_case.status == Status.SUBMITTED


def test_a_rejection_form_asks_for_the_reason_and_the_alternatives(
    client, clerk_huanbei, huanbei_case
):
    _login(client, clerk_huanbei)
    html = client.get(_step(huanbei_case, "first_reject")).content.decode()
    assert "未通过原因（申请人可见）" in html and "其他可行帮扶途径" in html


def test_an_unknown_step_is_not_found(client, clerk_huanbei, huanbei_case):
    _login(client, clerk_huanbei)
    assert client.get(_step(huanbei_case, "approve_everything")).status_code == 404


def test_overdue_cases_are_flagged_and_filtered(client, clerk_huanbei, minsheng, huanbei):
    old = make_case(minsheng, huanbei, now=shanghai(2026, 1, 5, 9, 0))
    fresh = make_case(minsheng, huanbei)
    _login(client, clerk_huanbei)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "<strong>已逾期</strong> 完成初审：2026-01-08（含当日）" in html
    filtered = client.get(reverse(CHANGELIST), {"deadline": "overdue"}).content.decode()
    assert old.reference in filtered and fresh.reference not in filtered


def test_the_due_today_filter_lists_cases_due_today(client, clerk_huanbei, minsheng, huanbei):
    case = make_case(minsheng, huanbei)
    ServiceApplication.objects.filter(pk=case.pk).update(
        first_review_due=timezone.localdate(),
        current_due=timezone.make_aware(
            dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time.min)
        ),
    )
    _login(client, clerk_huanbei)
    html = client.get(reverse(CHANGELIST), {"deadline": "today"}).content.decode()
    assert case.reference in html and "<strong>今日到期</strong>" in html


def test_a_clerk_records_a_return_visit_and_the_next_is_scheduled(
    client, clerk_huanbei, huanbei_case
):
    bring_into_service(huanbei_case, clerk_huanbei)
    visit = huanbei_case.followups.get(kind=FollowUp.Kind.VISIT)
    _login(client, clerk_huanbei)
    url = reverse("admin:services_serviceapplication_followup", args=[huanbei_case.pk, visit.pk])
    assert url in client.get(_change(huanbei_case)).content.decode()
    response = client.post(
        url,
        {
            "done_on": timezone.localdate().isoformat(),
            "outcome": "状况良好",
            "early_reason": "申请人下月外出，提前探访",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.done_by == clerk_huanbei and visit.outcome == "状况良好"
    assert huanbei_case.followups.filter(kind=FollowUp.Kind.VISIT).count() == 2


def test_the_follow_up_form_refuses_a_date_in_the_future(client, clerk_huanbei, huanbei_case):
    bring_into_service(huanbei_case, clerk_huanbei)
    visit = huanbei_case.followups.get(kind=FollowUp.Kind.VISIT)
    _login(client, clerk_huanbei)
    url = reverse("admin:services_serviceapplication_followup", args=[huanbei_case.pk, visit.pk])
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    html = client.post(url, {"done_on": future, "outcome": "x"}).content.decode()
    assert "完成日期不能晚于今天" in html


def _sheet(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    return list(load_workbook(io.BytesIO(response.content)).active.values)


def test_the_export_holds_only_the_visible_cases_with_the_id_number_masked(
    client, clerk_huanbei, huanbei_case, tongxing_case
):
    _login(client, clerk_huanbei)
    rows = _sheet(client.get(reverse("admin:services_serviceapplication_export")))
    assert rows[0][:4] == ("受理编号", "服务类别", "申请人", "身份证号码")
    assert [row[0] for row in rows[1:]] == [huanbei_case.reference]
    assert rows[1][3] == "522201********1230"
    assert rows[1][4] == "138****5678"


def test_the_export_action_exports_the_selected_cases(
    client, hub_officer, huanbei_case, tongxing_case
):
    _login(client, hub_officer)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "export_selected", "_selected_action": [tongxing_case.pk]},
    )
    rows = _sheet(response)
    assert [row[0] for row in rows[1:]] == [tongxing_case.reference]


def test_the_case_page_shows_the_timeline_within_a_query_budget(
    client, clerk_huanbei, huanbei_case, django_assert_max_num_queries
):
    bring_into_service(huanbei_case, clerk_huanbei)
    _login(client, clerk_huanbei)
    with django_assert_max_num_queries(30):
        html = client.get(_change(huanbei_case)).content.decode()
    assert "办理记录与内部备注" in html
    assert "已分派社工" in html and "服务中" in html
    assert "记录本次月度回访" in html and "记录本次季度评估" in html


def test_staff_without_a_street_or_the_hub_see_no_cases(client, huanbei_case, django_user_model):
    user = django_user_model.objects.create_user(
        username="new-staff", password=STAFF_PASSWORD, is_staff=True
    )
    _login(client, user)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(_document(huanbei_case)).status_code == 404
