"""Residents' and clerks' text reaches the staff's spreadsheets as text (issue 18, finding 1):
the applications export and the service-point list (django-import-export)."""

import csv
import io

import pytest
from django.urls import reverse

from services.applications.models import ServiceApplication
from services.models import ServicePoint
from services.resources import ServicePointResource
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import make_case
from tests.spreadsheets import FORMULAS, assert_staff_layout, assert_written_as_text

pytestmark = pytest.mark.django_db


def test_the_applications_export_writes_formulas_as_text(client, minsheng, huanbei, superuser):
    for value in FORMULAS:
        case = make_case(minsheng, huanbei, name=value)
        ServiceApplication.objects.filter(pk=case.pk).update(social_worker=value)
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    response = client.get(reverse("admin:services_serviceapplication_export"))
    assert_written_as_text(response.content, FORMULAS)
    assert_staff_layout(response.content)


@pytest.fixture
def formula_points(huanbei):
    text_fields = ["name", "address", "opening_hours", "phone", "services_offered"]
    return [
        ServicePoint.objects.create(
            level="community",
            slug=f"formula-{number}",
            street=huanbei,
            walking_note=value,
            **dict.fromkeys(text_fields, value),
        )
        for number, value in enumerate(FORMULAS)
    ]


def _export(client, user, file_format: int) -> bytes:
    client.login(username=user.username, password=STAFF_PASSWORD)
    fields = {f"servicepointresource_{name}": "on" for name in ServicePointResource.Meta.fields}
    response = client.post(
        reverse("admin:services_servicepoint_export"),
        {"format": str(file_format), "resource": "0", **fields},
    )
    assert response.status_code == 200
    return response.content


def test_the_service_point_list_exports_formulas_as_text(client, formula_points, superuser):
    content = _export(client, superuser, 0)  # 0: Excel
    assert_written_as_text(content, FORMULAS)
    assert_staff_layout(content)


def test_the_service_point_csv_puts_an_apostrophe_before_a_formula(
    client, formula_points, superuser
):
    content = _export(client, superuser, 1)  # 1: CSV
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    names = [row[rows[0].index("名称")] for row in rows[1:]]
    assert sorted(names) == sorted(f"'{value}" for value in FORMULAS)


def test_the_service_point_list_offers_only_the_safe_formats(client, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    html = client.get(reverse("admin:services_servicepoint_export")).content.decode()
    assert "xlsx" in html and "csv" in html
    assert not any(name in html for name in ['value="2"', ">json<", ">yaml<", ">ods<"])
