from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from careers.models import SignUp
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def signups(session):
    return [
        SignUp.objects.create(
            session=session, name="王芳", organisation="环北社工站", phone="13800138000"
        ),
        SignUp.objects.create(
            session=session, name="赵磊", organisation="铜兴社工站", phone="13900139000"
        ),
    ]


def test_staff_see_sign_ups_with_the_phone_masked_in_the_list(
    client, signups, superuser, django_assert_max_num_queries
):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    with django_assert_max_num_queries(18):  # one records the superuser's use, one reads her device
        response = client.get(reverse("admin:careers_signup_changelist"))
    html = response.content.decode()
    assert "王芳" in html and "138****8000" in html
    assert "13800138000" not in html


def test_staff_export_the_sign_ups_of_a_session(client, session, signups, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    response = client.post(
        reverse("admin:careers_trainingsession_changelist"),
        {"action": "export_signups", "_selected_action": [session.pk]},
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][3:6] == ("姓名", "所在机构", "手机号码")
    assert [r[3:6] for r in rows[1:]] == [
        ("王芳", "环北社工站", "13800138000"),
        ("赵磊", "铜兴社工站", "13900139000"),
    ]


def test_a_hub_officer_exports_sign_ups_without_extra_permissions(client, signups, hub_officer):
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    assert client.get(reverse("admin:careers_signup_changelist")).status_code == 200
    response = client.post(
        reverse("admin:careers_signup_changelist"),
        {"action": "export", "_selected_action": [s.pk for s in signups]},
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3


def test_the_session_list_shows_how_many_signed_up(client, session, signups, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    html = client.get(reverse("admin:careers_trainingsession_changelist")).content.decode()
    assert "个案工作实务" in html
    assert '<td class="field-taken">2</td>' in html


def test_a_street_clerk_without_permission_cannot_see_phones(client, signups, clerk_huanbei):
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    response = client.get(reverse("admin:careers_signup_changelist"))
    assert response.status_code == 403


def _signup_page(signup) -> str:
    return reverse("admin:careers_signup_change", args=[signup.pk])


def test_the_hub_sees_the_full_phone_on_a_sign_up(
    client, signups, hub_officer, django_assert_max_num_queries
):
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    # 16, and the audit record's entry for a page with full personal data (savepoint, the
    # last entry, the new one, release).
    # A page with full data writes its audit entry (the chain; on PostgreSQL its lock).
    with django_assert_max_num_queries(21):
        html = client.get(_signup_page(signups[0])).content.decode()
    assert "13800138000" in html


def test_a_read_only_viewer_sees_the_sign_up_phone_masked_and_cannot_edit_it(
    client, signups, viewer_huanbei, django_assert_max_num_queries
):
    client.login(username=viewer_huanbei.username, password=STAFF_PASSWORD)
    with django_assert_max_num_queries(16):
        response = client.get(_signup_page(signups[0]))
    html = response.content.decode()
    assert response.status_code == 200 and "138****8000" in html
    assert "13800138000" not in html and 'name="phone"' not in html


def test_a_read_only_viewer_exports_sign_ups_masked_and_nothing_is_logged(
    client, signups, viewer_huanbei
):
    from accounts.models import PersonalDataExport

    client.login(username=viewer_huanbei.username, password=STAFF_PASSWORD)
    response = client.post(
        reverse("admin:careers_signup_changelist"),
        {"action": "export", "_selected_action": [s.pk for s in signups]},
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[5] for r in rows[1:]] == ["138****8000", "139****9000"]
    assert not PersonalDataExport.objects.exists()


@pytest.mark.parametrize("person", ["clerk_tongxing", "recruitment_officer", "audit_admin"])
def test_people_without_training_work_cannot_open_a_sign_up(client, signups, request, person):
    user = request.getfixturevalue(person)
    client.login(username=user.username, password=STAFF_PASSWORD)
    assert client.get(_signup_page(signups[0])).status_code == 403


def test_an_outsider_is_sent_to_the_log_in(client, signups, outsider):
    client.login(username=outsider.username, password=STAFF_PASSWORD)
    assert client.get(_signup_page(signups[0])).status_code == 302
