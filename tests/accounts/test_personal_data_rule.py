"""One rule for full ID, mobile and bank numbers, on staff pages and in exports:
`sees_personal_data(user, row)` — the personal-data permission within the row's street."""

import pytest
from django.urls import reverse

from accounts.access import sees_personal_data
from careers.models import SocialWorker
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import VALID_ID, categories, make_case, minsheng  # noqa: F401

pytestmark = pytest.mark.django_db

WORKER_ID = "522201199001011230"
ACCOUNT = "6228480012345678"


@pytest.fixture
def case(huanbei, minsheng):  # noqa: F811
    return make_case(minsheng, huanbei, name="张三", mobile="13812345678")


@pytest.fixture
def worker(huanbei):
    return SocialWorker.objects.create(
        street=huanbei, name="李娜", id_number=WORKER_ID, bank_account=ACCOUNT
    )


SEES_FULL = {"clerk_huanbei", "hub_officer"}
PEOPLE = [
    "clerk_huanbei",
    "clerk_tongxing",
    "hub_officer",
    "viewer_huanbei",
    "read_only_viewer",
    "recruitment_officer",
    "system_admin",
    "security_admin",
    "audit_admin",
    "inactive_clerk",
    "outsider",
]


@pytest.mark.parametrize("person", PEOPLE)
def test_only_the_streets_clerk_and_the_hub_see_a_street_rows_personal_data(
    request, case, worker, person
):
    user = request.getfixturevalue(person)
    expected = person in SEES_FULL
    assert sees_personal_data(user, case) is expected
    assert sees_personal_data(user, worker) is expected


def test_nobody_sees_the_personal_data_of_no_row(hub_officer):
    assert sees_personal_data(hub_officer, None) is False


def _open(client, user, url):
    client.login(username=user.username, password=STAFF_PASSWORD)
    return client.get(url)


def test_the_clerk_of_huanbei_sees_the_case_in_full(
    client, case, clerk_huanbei, django_assert_max_num_queries
):
    # Her password's age is read on the first staff page of a session.
    # A page with full data writes its audit entry (the chain; on PostgreSQL its lock).
    with django_assert_max_num_queries(54):
        response = _open(
            client,
            clerk_huanbei,
            reverse("admin:services_serviceapplication_change", args=[case.pk]),
        )
    html = response.content.decode()
    assert VALID_ID in html and "13812345678" in html


def test_a_read_only_viewer_of_huanbei_sees_the_case_masked(
    client, case, viewer_huanbei, django_assert_max_num_queries
):
    # Her password's age is read on the first staff page of a session.
    # A page with full data writes its audit entry (the chain; on PostgreSQL its lock).
    with django_assert_max_num_queries(54):
        response = _open(
            client,
            viewer_huanbei,
            reverse("admin:services_serviceapplication_change", args=[case.pk]),
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert VALID_ID not in html and "13812345678" not in html
    assert "522201********1230" in html and "138****5678" in html


def test_the_clerk_of_tongxing_cannot_open_the_case(client, case, clerk_tongxing):
    url = reverse("admin:services_serviceapplication_change", args=[case.pk])
    assert _open(client, clerk_tongxing, url).status_code in (302, 403, 404)


def test_the_clerk_edits_her_workers_id_and_bank_account(
    client, worker, clerk_huanbei, django_assert_max_num_queries
):
    # Her password's age is read on the first staff page of a session.
    # A page with full data writes its audit entry (the chain; on PostgreSQL its lock).
    with django_assert_max_num_queries(54):
        response = _open(
            client, clerk_huanbei, reverse("admin:careers_socialworker_change", args=[worker.pk])
        )
    html = response.content.decode()
    assert f'value="{WORKER_ID}"' in html and f'value="{ACCOUNT}"' in html


def test_a_read_only_viewer_sees_the_workers_numbers_masked_and_cannot_edit_them(
    client, worker, viewer_huanbei, django_assert_max_num_queries
):
    # Her password's age is read on the first staff page of a session.
    # A page with full data writes its audit entry (the chain; on PostgreSQL its lock).
    with django_assert_max_num_queries(54):
        response = _open(
            client, viewer_huanbei, reverse("admin:careers_socialworker_change", args=[worker.pk])
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert WORKER_ID not in html and ACCOUNT not in html
    assert "************5678" in html and 'name="bank_account"' not in html


def test_the_clerk_of_tongxing_cannot_open_the_worker(client, worker, clerk_tongxing):
    url = reverse("admin:careers_socialworker_change", args=[worker.pk])
    assert _open(client, clerk_tongxing, url).status_code in (302, 403, 404)
