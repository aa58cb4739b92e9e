"""The bulk actions on the case list (分派社工, 记录回访) with mistakes: the one error summary lists
every message, the selected cases stay selected."""

import pytest
from django.urls import reverse

from tests.conftest import STAFF_PASSWORD
from tests.form_markup import error_summary, field_errors
from tests.services.conftest import make_case

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:services_serviceapplication_changelist")


def test_assigning_without_a_worker_is_refused_at_the_field(client, hub_officer, minsheng, huanbei):
    case = make_case(minsheng, huanbei)
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    html = client.post(
        CHANGELIST, {"action": "assign_worker", "_selected_action": [case.pk], "apply": "1"}
    ).content.decode()
    assert error_summary(html) == (1, ["负责社工：请选择要分派的社工。"])
    assert field_errors(html, "id_worker") == ["请选择要分派的社工。"]
    assert f'name="_selected_action" value="{case.pk}"' in html


def test_recording_follow_ups_with_nothing_filled_in_lists_three_messages(
    client, hub_officer, minsheng, huanbei
):
    case = make_case(minsheng, huanbei)
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    html = client.post(
        CHANGELIST, {"action": "record_followups", "_selected_action": [case.pk], "apply": "1"}
    ).content.decode()
    assert error_summary(html) == (
        3,
        [
            "类型：请选择是月度回访还是季度评估。",
            "完成日期：请填写完成日期。",
            "情况与结果：请填写本次回访（评估）的情况与结果。",
        ],
    )
