"""等保 2.0's three administrators: each reaches only her own pages, none sees a case, a
registration, a candidate or a social worker; the superuser's every use is recorded."""

import pytest
from django.urls import reverse

from accounts.models import SuperuserUse
from careers.models import SocialWorker
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import categories, make_case, minsheng  # noqa: F401

pytestmark = pytest.mark.django_db

ADMINISTRATORS = ["system_admin", "security_admin", "audit_admin"]
DOMAIN_APPS = {"services", "careers", "recruitment"}


@pytest.fixture
def records(huanbei, minsheng):  # noqa: F811
    case = make_case(minsheng, huanbei, name="张三")
    worker = SocialWorker.objects.create(street=huanbei, name="李娜")
    return {
        "services_serviceapplication": case,
        "careers_socialworker": worker,
    }


def _log_in(client, request, person):
    user = request.getfixturevalue(person)
    assert client.login(username=user.username, password=STAFF_PASSWORD)
    return user


@pytest.mark.parametrize("person", ADMINISTRATORS)
@pytest.mark.parametrize(
    "page",
    [
        "services_serviceapplication",
        "careers_socialworker",
        "recruitment_registration",
        "recruitment_candidate",
        "careers_signup",
    ],
)
def test_no_administrator_opens_case_candidate_worker_or_sign_up_lists(
    client, request, records, person, page
):
    _log_in(client, request, person)
    assert client.get(reverse(f"admin:{page}_changelist")).status_code == 403


@pytest.mark.parametrize("person", ADMINISTRATORS)
@pytest.mark.parametrize("model", ["services_serviceapplication", "careers_socialworker"])
def test_no_administrator_opens_a_case_or_a_worker(client, request, records, person, model):
    _log_in(client, request, person)
    url = reverse(f"admin:{model}_change", args=[records[model].pk])
    assert client.get(url).status_code in (403, 302)
    assert "张三" not in client.get(url, follow=True).content.decode()


@pytest.mark.parametrize("person", ADMINISTRATORS)
def test_the_admin_index_lists_no_domain_app_to_an_administrator(client, request, person):
    _log_in(client, request, person)
    html = client.get(reverse("admin:index")).content.decode()
    for app in ("services", "careers", "recruitment"):
        assert f"/admin/{app}/" not in html, app


PAGES = {
    "system_admin": ["auth_user", "auth_group", "accounts_staffprofile"],
    "security_admin": ["axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"],
    "audit_admin": [
        "accounts_superuseruse",
        "accounts_personaldataexport",
        "axes_accesslog",
        "axes_accessattempt",
        "axes_accessfailurelog",
    ],
}


@pytest.mark.parametrize("person", ADMINISTRATORS)
def test_each_administrator_opens_her_own_pages_and_not_the_others(
    client, request, person, django_assert_max_num_queries
):
    _log_in(client, request, person)
    for page in PAGES[person]:
        # Her password's age is read on the first staff page of a session.
        with django_assert_max_num_queries(16):
            assert client.get(reverse(f"admin:{page}_changelist")).status_code == 200, page
    others = {page for who, pages in PAGES.items() if who != person for page in pages}
    for page in others - set(PAGES[person]):
        assert client.get(reverse(f"admin:{page}_changelist")).status_code == 403, page


def test_the_system_administrator_cannot_make_anybody_a_superuser(
    client, system_admin, clerk_huanbei, superuser
):
    client.login(username=system_admin.username, password=STAFF_PASSWORD)
    url = reverse("admin:auth_user_change", args=[clerk_huanbei.pk])
    html = client.get(url).content.decode()
    assert 'name="is_superuser"' not in html and 'name="groups"' in html
    # A superuser's account she may only look at: no field to change, a save is refused.
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    assert 'name="username"' not in client.get(url).content.decode()
    assert client.post(url, {"username": "taken-over"}).status_code == 403


def test_a_superuser_log_in_and_each_admin_request_are_recorded(client, superuser):
    assert client.login(username=superuser.username, password=STAFF_PASSWORD)
    client.get(reverse("admin:index"))
    client.get(reverse("admin:accounts_street_changelist"))
    kinds = list(SuperuserUse.objects.order_by("id").values_list("kind", "path"))
    assert kinds[1:] == [
        ("request", reverse("admin:index")),
        ("request", reverse("admin:accounts_street_changelist")),
    ]
    assert kinds[0][0] == "login"


def test_other_staff_are_not_recorded(client, hub_officer):
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    client.get(reverse("admin:index"))
    assert not SuperuserUse.objects.exists()


def test_the_audit_administrator_reads_the_record_and_nobody_edits_it(
    client, superuser, audit_admin
):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    client.get(reverse("admin:index"))
    entry = SuperuserUse.objects.first()
    assert client.get(reverse("admin:accounts_superuseruse_add")).status_code == 403
    client.logout()
    client.login(username=audit_admin.username, password=STAFF_PASSWORD)
    html = client.get(reverse("admin:accounts_superuseruse_changelist")).content.decode()
    assert superuser.username in html
    change = client.post(reverse("admin:accounts_superuseruse_change", args=[entry.pk]), {})
    delete = client.post(reverse("admin:accounts_superuseruse_delete", args=[entry.pk]), {})
    assert change.status_code == 403 and delete.status_code == 403
    assert SuperuserUse.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("person", ["clerk_huanbei", "hub_officer", "read_only_viewer", "outsider"])
def test_nobody_else_reads_the_superuser_record(client, request, person):
    _log_in(client, request, person)
    response = client.get(reverse("admin:accounts_superuseruse_changelist"))
    assert response.status_code in (403, 302)


def test_the_roles_exist_as_groups(db):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"系统管理员", "安全管理员", "审计管理员"} <= names


@pytest.mark.parametrize("person", ADMINISTRATORS)
def test_no_administrator_holds_a_permission_on_domain_data(request, person):
    user = request.getfixturevalue(person)
    domain = {p for p in user.get_all_permissions() if p.split(".")[0] in DOMAIN_APPS}
    assert domain == set()


def test_the_audit_administrator_exports_the_superuser_record(client, superuser, audit_admin):
    from io import BytesIO

    from openpyxl import load_workbook

    client.login(username=superuser.username, password=STAFF_PASSWORD)
    client.get(reverse("admin:index"))
    client.logout()
    client.login(username=audit_admin.username, password=STAFF_PASSWORD)
    response = client.post(
        reverse("admin:accounts_superuseruse_changelist"),
        {
            "action": "export_records",
            "_selected_action": list(SuperuserUse.objects.values_list("pk", flat=True)),
        },
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "超级管理员", "类型")
    assert {row[2] for row in rows[1:]} == {"登录", "管理后台操作"}


def test_the_hub_reads_the_export_log_but_does_not_export_it(client, hub_officer):
    client.login(username=hub_officer.username, password=STAFF_PASSWORD)
    html = client.get(reverse("admin:accounts_personaldataexport_changelist")).content.decode()
    assert "export_records" not in html


def test_the_system_administrator_lists_staff_accounts_but_no_candidates(
    client, system_admin, clerk_huanbei, outsider
):
    client.login(username=system_admin.username, password=STAFF_PASSWORD)
    html = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert clerk_huanbei.username in html and outsider.username not in html
    url = reverse("admin:auth_user_change", args=[outsider.pk])
    assert client.get(url, follow=True).status_code in (200, 404)
    assert client.post(url, {"username": "x"}).status_code in (302, 404)
    outsider.refresh_from_db()
    assert outsider.username == "outsider"
