"""The approved roll for payment: ID number and bank account in full only for staff allowed
to export personal data (logged), masked otherwise; approved by/at; widths; frozen header."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import PersonalDataExport
from careers.rolls import approve_roll, submit_roll
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(huanbei_march, workers, clerk_huanbei, hub_officer):
    li = workers["li"]
    li.id_number, li.bank_name, li.bank_account = (
        "522201199001011230",
        "农业银行",
        "6228480012345678",
    )
    li.save()
    submit_roll(huanbei_march, clerk_huanbei)
    return approve_roll(huanbei_march, hub_officer)


def _sheet(client, user, roll):
    client.login(username=user.username, password=STAFF_PASSWORD)
    response = client.get(reverse("admin:careers_roll_export", args=[roll.pk]))
    return load_workbook(BytesIO(response.content)).active


def test_the_bureau_exports_full_numbers_and_it_is_logged(client, approved, hub_officer):
    sheet = _sheet(client, hub_officer, approved)
    rows = list(sheet.iter_rows(values_only=True))
    li = next(r for r in rows if r[2] == "李娜")
    assert li[3] == "522201199001011230" and li[5] == "6228480012345678"
    assert li[12] == "hub-officer" and li[13]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width >= 18
    assert PersonalDataExport.objects.filter(user=hub_officer).exists()


def test_the_streets_clerk_exports_her_workers_full_numbers_and_it_is_logged(
    client, approved, clerk_huanbei
):
    sheet = _sheet(client, clerk_huanbei, approved)
    li = next(r for r in sheet.iter_rows(values_only=True) if r[2] == "李娜")
    assert li[3] == "522201199001011230" and li[5] == "6228480012345678"
    assert PersonalDataExport.objects.filter(user=clerk_huanbei).exists()


def test_a_read_only_viewer_of_the_street_gets_the_numbers_masked(client, approved, viewer_huanbei):
    sheet = _sheet(client, viewer_huanbei, approved)
    li = next(r for r in sheet.iter_rows(values_only=True) if r[2] == "李娜")
    assert li[3] == "522201********1230" and li[5] == "************5678"
    assert not PersonalDataExport.objects.filter(user=viewer_huanbei).exists()
