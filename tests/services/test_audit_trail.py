"""The audit trail: who changed a case, when, and what; readable by the district hub only."""

import pytest
from django.urls import reverse

from services.applications.models import ServiceApplication
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(username=user.username, password=STAFF_PASSWORD)


def test_a_clerks_review_step_is_recorded_with_who_and_when(client, huanbei_case, clerk_huanbei):
    _login(client, clerk_huanbei)
    step = reverse("admin:services_serviceapplication_step", args=[huanbei_case.pk, "first_pass"])
    assert client.post(step, {"note": "材料齐全"}).status_code == 302
    latest = huanbei_case.history.latest()
    assert latest.history_user == clerk_huanbei
    assert latest.status == ServiceApplication.Status.FIRST_PASSED
    assert latest.prev_record.status == ServiceApplication.Status.SUBMITTED


def test_the_trail_keeps_no_id_number_or_phone(huanbei_case):
    record = huanbei_case.history.latest()
    assert not hasattr(record, "id_number") and not hasattr(record, "mobile")


def test_the_district_hub_reads_the_history_and_a_clerk_may_not(
    client, huanbei_case, clerk_huanbei, hub_officer
):
    url = reverse("admin:services_serviceapplication_history", args=[huanbei_case.pk])
    _login(client, clerk_huanbei)
    assert client.get(url).status_code == 403
    _login(client, hub_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert huanbei_case.reference in response.content.decode()


def test_nobody_can_revert_through_the_trail(client, huanbei_case, superuser):
    _login(client, superuser)
    before = huanbei_case.history.count()
    record = huanbei_case.history.earliest()
    url = reverse(
        "admin:services_serviceapplication_simple_history",
        args=[huanbei_case.pk, record.history_id],
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
    assert huanbei_case.history.count() == before
