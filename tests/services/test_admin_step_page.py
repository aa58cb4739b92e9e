"""A case step in admin (初审不通过, 分派社工…) with mistakes: the site's one error summary lists
every message with the right count, each field shows its own Chinese error, the case beside it."""

import pytest
from django.urls import reverse

from services.applications.rules import apply_transition
from tests.conftest import STAFF_PASSWORD
from tests.form_markup import error_summary, field_errors
from tests.services.conftest import registered_worker

pytestmark = pytest.mark.django_db


def _step(case, action):
    return reverse("admin:services_serviceapplication_step", args=[case.pk, action])


def test_a_rejection_without_reason_or_alternatives_lists_both_messages(
    client, clerk_huanbei, huanbei_case
):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    html = client.post(_step(huanbei_case, "first_reject"), {}).content.decode()
    count, messages = error_summary(html)
    assert count == 2 == len(messages)
    assert messages[0] == "未通过原因（申请人可见）：请填写未通过的原因，申请人会看到这段说明。"
    assert messages[1].startswith("其他可行帮扶途径（申请人可见，每行一条）：请至少填写一条")
    assert field_errors(html, "id_reason") == ["请填写未通过的原因，申请人会看到这段说明。"]
    assert field_errors(html, "id_alternatives")[0].startswith("请至少填写一条其他可行的帮扶途径")
    assert 'href="#id_reason"' in html and "个案摘要" in html


def test_assigning_a_worker_without_a_phone_points_at_the_phone_field(
    client, clerk_huanbei, huanbei_case
):
    for action in ["first_pass", "final_pass"]:
        apply_transition(huanbei_case, action, clerk_huanbei)
    worker = registered_worker(huanbei_case.street, name="李娜", phone="")
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    html = client.post(_step(huanbei_case, "assign"), {"worker": worker.pk}).content.decode()
    at_field = field_errors(html, "id_phone")
    assert error_summary(html) == (1, [f"社工联系电话（申请人可见）：{at_field[0]}"])
    assert at_field[0].startswith("李娜的档案中没有工作手机")
    assert f'<option value="{worker.pk}" selected>' in html


def test_a_step_without_mistakes_shows_no_summary(client, clerk_huanbei, huanbei_case):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    html = client.get(_step(huanbei_case, "first_reject")).content.decode()
    assert 'id="error-summary"' not in html
    assert '<label class="form-label fw-bold" for="id_reason">未通过原因（申请人可见）' in html
