"""Who may see what (accounts.access), tried by the named people on every street-scoped model.

Each row below belongs to 环北. The clerk of 环北 works on it; the clerk of 铜兴 never sees it;
the district hub sees and changes it; the read-only viewer sees it and changes nothing; the
inactive clerk, the outsider and the recruitment officer (no street) get nothing.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import access
from accounts.models import PersonalDataExport, StaffProfile
from careers.models import SocialWorker, SubsidyRoll
from services.models import FeatureProject, RuralVisit, ServicePoint
from tests.conftest import STAFF_PASSWORD
from tests.services.conftest import make_case

PEOPLE = [
    "clerk_huanbei",
    "clerk_tongxing",
    "hub_officer",
    "read_only_viewer",
    "inactive_clerk",
    "outsider",
    "recruitment_officer",
]
SEES_ROW = {"clerk_huanbei", "hub_officer", "read_only_viewer"}
CHANGES_ROW = {"clerk_huanbei", "hub_officer"}


@pytest.fixture
def rows(huanbei, minsheng, huanbei_station):
    station = huanbei_station
    return {
        "services_servicepoint": station,
        "services_featureproject": FeatureProject.objects.create(
            street=huanbei, title="老旧小区邻里互助", focus="邻里互助"
        ),
        "services_ruralvisit": RuralVisit.objects.create(
            village="坝黄村",
            township="坝黄镇",
            visit_date=dt.date(2026, 12, 10),
            start_point=station,
            social_worker="王社工",
        ),
        "services_serviceapplication": make_case(minsheng, huanbei, name="张三"),
        "careers_socialworker": SocialWorker.objects.create(street=huanbei, name="李娜"),
        "careers_subsidyroll": SubsidyRoll.objects.create(
            street=huanbei, month=dt.date(2026, 3, 1)
        ),
    }


MODELS = [
    "services_servicepoint",
    "services_featureproject",
    "services_ruralvisit",
    "services_serviceapplication",
    "careers_socialworker",
    "careers_subsidyroll",
]


def _client_for(client, request, person):
    user = request.getfixturevalue(person)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("person", PEOPLE)
def test_the_change_page_opens_only_for_people_whose_role_and_street_allow_it(
    client, request, rows, model, person
):
    row = rows[model]
    _client_for(client, request, person)
    response = client.get(reverse(f"admin:{model}_change", args=[row.pk]))
    if person in SEES_ROW:
        assert response.status_code == 200
    elif person in {"inactive_clerk", "outsider"}:
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    elif person == "clerk_tongxing":
        # Another street's row does not exist for her: the admin sends her to its index.
        assert response.status_code == 302
        assert "/login/" not in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("person", PEOPLE)
def test_the_list_shows_the_row_only_to_people_whose_role_and_street_allow_it(
    client, request, rows, model, person
):
    row = rows[model]
    _client_for(client, request, person)
    response = client.get(reverse(f"admin:{model}_changelist"))
    change_url = reverse(f"admin:{model}_change", args=[row.pk])
    if person in SEES_ROW:
        assert response.status_code == 200
        assert change_url in response.content.decode()
    elif person == "clerk_tongxing":
        assert response.status_code == 200
        assert change_url not in response.content.decode()
    elif person in {"inactive_clerk", "outsider"}:
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    "model", ["services_servicepoint", "services_featureproject", "careers_socialworker"]
)
@pytest.mark.parametrize("person", ["read_only_viewer", "clerk_tongxing", "hub_officer"])
def test_only_people_who_may_change_a_row_can_save_it(client, request, rows, model, person):
    row = rows[model]
    _client_for(client, request, person)
    url = reverse(f"admin:{model}_change", args=[row.pk])
    response = client.post(url, {})
    if person in CHANGES_ROW:
        assert response.status_code == 200  # the form answers (with its errors): she may save
    elif person == "read_only_viewer":
        assert response.status_code == 403
    else:
        assert response.status_code == 302  # 铜兴: the row does not exist for her


@pytest.mark.parametrize("person", PEOPLE)
def test_the_case_document_downloads_only_for_people_who_may_see_the_case(
    client, request, rows, person
):
    case = rows["services_serviceapplication"]
    document = case.documents.get()
    _client_for(client, request, person)
    url = reverse("admin:services_serviceapplication_document", args=[case.pk, document.pk])
    response = client.get(url)
    if person in SEES_ROW:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
    elif person in {"inactive_clerk", "outsider"}:
        assert response.status_code == 302
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("person", PEOPLE)
def test_the_case_export_holds_only_the_cases_a_person_may_see(client, request, rows, person):
    from io import BytesIO

    from openpyxl import load_workbook

    _client_for(client, request, person)
    response = client.get(reverse("admin:services_serviceapplication_export"))
    if person in {"inactive_clerk", "outsider"}:
        assert response.status_code == 302
        return
    if person == "recruitment_officer":
        assert response.status_code == 404
        return
    sheet = load_workbook(BytesIO(response.content)).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ([] if person == "clerk_tongxing" else ["张三"])


def test_the_read_only_viewer_cannot_move_a_case_on(client, rows, read_only_viewer):
    case = rows["services_serviceapplication"]
    client.force_login(read_only_viewer)
    url = reverse("admin:services_serviceapplication_step", args=[case.pk, "first_pass"])
    assert client.post(url, {}).status_code == 404
    case.refresh_from_db()
    assert case.status == "submitted"


def _point(level: str, slug: str, street, **extra) -> dict:
    """The service-point add form as a clerk fills it in."""
    return {
        "level": level,
        "name": extra.pop("name", "某服务点"),
        "slug": slug,
        "street": street.pk if street else "",
        "order": 0,
        "address": "某地",
        "opening_hours": "全天",
        "phone": "0856-9999999",
        **extra,
    }


def test_a_clerk_cannot_publish_a_district_hub(client, huanbei, clerk_huanbei):
    """Finding: the 环北 clerk posted level=hub, street empty, and /services/ showed her hub."""
    client.force_login(clerk_huanbei)
    response = client.post(
        reverse("admin:services_servicepoint_add"),
        _point("hub", "fake-hub", None, name="碧江区社工总站（新）", is_verified="on"),
    )
    assert response.status_code == 200
    assert "区社工总站的信息由区社工总站人员维护" in response.content.decode()
    assert not ServicePoint.objects.filter(slug="fake-hub").exists()


def test_a_clerk_is_offered_only_her_street_and_no_hub_level(
    client, huanbei, tongxing, clerk_huanbei
):
    client.force_login(clerk_huanbei)
    page = client.get(reverse("admin:services_servicepoint_add")).content.decode()
    assert 'value="hub"' not in page
    assert "环北街道" in page
    assert "铜兴街道" not in page


def test_a_clerk_cannot_add_a_point_for_another_street(client, huanbei, tongxing, clerk_huanbei):
    client.force_login(clerk_huanbei)
    client.post(
        reverse("admin:services_servicepoint_add"), _point("community", "tongxing-x", tongxing)
    )
    assert not ServicePoint.objects.filter(slug="tongxing-x").exists()


def test_a_clerk_adds_a_community_point_for_her_street(client, huanbei, clerk_huanbei):
    client.force_login(clerk_huanbei)
    response = client.post(
        reverse("admin:services_servicepoint_add"), _point("community", "jintan", huanbei)
    )
    assert response.status_code == 302
    assert ServicePoint.objects.get(slug="jintan").street == huanbei


def test_a_clerk_cannot_start_a_roll_for_another_street(client, huanbei, tongxing, clerk_huanbei):
    client.force_login(clerk_huanbei)
    client.post(
        reverse("admin:careers_subsidyroll_add"), {"street": tongxing.pk, "month": "2026-04-01"}
    )
    assert not SubsidyRoll.objects.filter(street=tongxing).exists()


@pytest.mark.parametrize(
    "user_kind, expected",
    [
        ("inactive", access.NO_STREETS),
        ("not_staff", access.NO_STREETS),
        ("no_profile", access.NO_STREETS),
    ],
)
def test_the_scope_of_people_who_are_not_working_staff_is_empty(
    django_user_model, huanbei, user_kind, expected
):
    user = django_user_model.objects.create_user(
        "someone",
        password=STAFF_PASSWORD,
        is_staff=user_kind != "not_staff",
        is_active=user_kind != "inactive",
    )
    if user_kind != "no_profile":
        StaffProfile.objects.create(user=user, street=huanbei)
    assert access.staff_scope(user) == expected
    assert not ServicePoint.objects.for_staff(user).exists() or expected.every_street


def test_every_role_is_a_group_with_permissions(db):
    groups = {g.name: g for g in Group.objects.prefetch_related("permissions")}
    perms = {name: {p.codename for p in g.permissions.all()} for name, g in groups.items()}
    assert "change_serviceapplication" in perms[access.STREET_CLERK]
    assert "approve_subsidyroll" not in perms[access.STREET_CLERK]
    assert "export_personal_data" in perms[access.STREET_CLERK]  # for her street's rows
    assert "export_personal_data" not in perms[access.READ_ONLY]
    assert "approve_subsidyroll" in perms[access.DISTRICT_HUB]
    assert "change_candidate" in perms[access.RECRUITMENT_OFFICER]
    assert "view_serviceapplication" in perms[access.READ_ONLY]
    assert not [p for p in perms[access.READ_ONLY] if not p.startswith("view_")]


def test_a_full_signup_export_needs_the_permission_and_is_logged(
    client, guide, hub_officer, viewer_huanbei
):
    from io import BytesIO

    from django.utils import timezone
    from openpyxl import load_workbook

    from careers.models import SignUp, TrainingChannel, TrainingSession

    session = TrainingSession.objects.create(
        channel=TrainingChannel.objects.first(),
        topic="个案工作实务",
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="民政局",
        capacity=5,
    )
    signup = SignUp.objects.create(
        session=session, name="王芳", organisation="阳光社工", phone="13812345678"
    )
    url = reverse("admin:careers_signup_changelist")
    client.force_login(hub_officer)
    response = client.post(url, {"action": "export", "_selected_action": [signup.pk]})
    sheet = load_workbook(BytesIO(response.content)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True))[0][5] == "13812345678"
    export = PersonalDataExport.objects.get()
    assert (export.user, export.row_ids) == (hub_officer, str(signup.pk))

    # A read-only viewer sees the sign-up list but holds no personal-data permission.
    client.force_login(viewer_huanbei)
    response = client.post(url, {"action": "export", "_selected_action": [signup.pk]})
    sheet = load_workbook(BytesIO(response.content)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True))[0][5] == "138****5678"
    assert PersonalDataExport.objects.count() == 1
