"""Recording a 回访 in admin with mistakes: the one error summary, one message per line."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from services.applications.models import FollowUp
from tests.conftest import STAFF_PASSWORD
from tests.form_markup import error_summary, field_errors
from tests.services.conftest import bring_into_service

pytestmark = pytest.mark.django_db


def test_an_early_visit_without_outcome_or_reason_lists_both_messages(
    client, clerk_huanbei, huanbei_case
):
    bring_into_service(huanbei_case, clerk_huanbei)
    followup = FollowUp.objects.pending().filter(application=huanbei_case).first()
    followup.due_on = timezone.localdate() + dt.timedelta(days=10)
    followup.save(update_fields=["due_on"])
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    url = reverse("admin:services_serviceapplication_followup", args=[huanbei_case.pk, followup.pk])
    html = client.post(url, {"done_on": f"{timezone.localdate():%Y-%m-%d}"}).content.decode()
    count, messages = error_summary(html)
    assert count == 2 == len(messages)
    assert messages[0] == "情况与结果：请填写本次回访（评估）的情况与结果。"
    assert messages[1].startswith("提前记录的原因：这次")
    assert field_errors(html, "id_outcome") == ["请填写本次回访（评估）的情况与结果。"]
    assert "提前记录请写明原因" in field_errors(html, "id_early_reason")[0]
    assert not FollowUp.objects.filter(pk=followup.pk, done_on__isnull=False).exists()
