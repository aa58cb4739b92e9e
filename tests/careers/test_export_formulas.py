"""A sign-up or a social worker named like a formula reaches the staff's Excel as text
(issue 18, finding 1): the training sign-ups and the subsidy roll for payment."""

import datetime as dt

import pytest
from django.urls import reverse

from careers.models import SignUp, SubsidyRoll
from careers.rolls import approve_roll, submit_roll
from tests.careers.conftest import MARCH, make_worker
from tests.conftest import STAFF_PASSWORD
from tests.spreadsheets import FORMULAS, assert_staff_layout, assert_written_as_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def formula_signups(session):
    session.topic, session.place = FORMULAS[0], FORMULAS[1]
    session.save()
    return [
        SignUp.objects.create(
            session=session, name=value, organisation=value, phone=f"1381234560{number}"
        )
        for number, value in enumerate(FORMULAS)
    ]


def _post_action(client, user, changelist: str, action: str, pks) -> bytes:
    client.login(username=user.username, password=STAFF_PASSWORD)
    response = client.post(
        reverse(f"admin:careers_{changelist}_changelist"),
        {"action": action, "_selected_action": list(pks)},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_the_sign_ups_of_a_session_export_formulas_as_text(
    client, session, formula_signups, hub_officer
):
    content = _post_action(client, hub_officer, "trainingsession", "export_signups", [session.pk])
    assert_written_as_text(content, FORMULAS)
    assert_staff_layout(content)


def test_the_selected_sign_ups_export_formulas_as_text(client, formula_signups, hub_officer):
    pks = [signup.pk for signup in formula_signups]
    content = _post_action(client, hub_officer, "signup", "export", pks)
    assert_written_as_text(content, FORMULAS)
    assert_staff_layout(content)


def test_the_roll_for_payment_exports_worker_names_as_text(
    client, levels, huanbei, clerk_huanbei, hub_officer
):
    for value in FORMULAS:
        make_worker(
            huanbei, value, (levels["intermediate"], dt.date(2024, 1, 10)), organisation=value
        )
    roll = SubsidyRoll.objects.create(street=huanbei, month=MARCH)
    submit_roll(roll, clerk_huanbei)
    approve_roll(roll, hub_officer)
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    response = client.get(reverse("admin:careers_roll_export", args=[roll.pk]))
    assert_written_as_text(response.content, FORMULAS)
    assert_staff_layout(response.content)
