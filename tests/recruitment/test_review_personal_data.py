"""The 资格审查 page, its progress log, the photo and scans and the candidate record show a
candidate's ID number, mobile and documents by the personal-data rule: in full to the
recruitment officer, masked (documents refused) to a read-only viewer of 环北; everybody else
is refused."""

import pytest
from django.urls import reverse

from recruitment.models import Post, RegistrationEvent
from tests.conftest import STAFF_PASSWORD
from tests.recruitment.conftest import registration
from tests.recruitment.factories import candidate, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def wangs(wang_fang, open_round):
    made = registration(wang_fang, open_round)
    # The candidate's own step: her user name is her ID number.
    RegistrationEvent.objects.create(
        registration=made, status=made.status, title="保存草稿", by=wang_fang.user
    )
    return made


def _log_in(client, user):
    assert client.login(username=user.username, password=STAFF_PASSWORD)
    return client


def _review(pk):
    return reverse("admin:recruitment_registration_review", args=[pk])


def _photo(pk):
    return reverse("admin:recruitment_registration_document", args=[pk, "photo"])


def test_the_recruitment_officer_sees_the_full_id_mobile_and_documents(
    client, wangs, recruitment_officer, django_assert_max_num_queries
):
    _log_in(client, recruitment_officer)
    # A page with full data writes its audit entry (the chain; on PostgreSQL its lock).
    with django_assert_max_num_queries(17):
        html = client.get(_review(wangs.pk)).content.decode()
    assert wangs.id_number in html and wangs.mobile in html and "王芳" in html
    assert _photo(wangs.pk) in html
    assert client.get(_photo(wangs.pk)).status_code == 200


def test_a_read_only_viewer_of_huanbei_sees_the_review_page_masked_without_documents(
    client, wangs, viewer_huanbei, django_assert_max_num_queries
):
    _log_in(client, viewer_huanbei)
    with django_assert_max_num_queries(14):
        response = client.get(_review(wangs.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert wangs.id_number not in html and wangs.mobile not in html and "王芳" not in html
    assert wangs.masked_id in html and "138****0011" in html and "王*" in html
    assert _photo(wangs.pk) not in html and "无个人信息查看权限" in html
    assert "审查决定" not in html


def test_the_progress_log_names_the_candidate_without_her_id_number(client, wangs, viewer_huanbei):
    html = _log_in(client, viewer_huanbei).get(_review(wangs.pk)).content.decode()
    assert "保存草稿（考生本人）" in html
    assert wangs.id_number not in html


def test_a_read_only_viewer_is_refused_the_photo_and_scans(client, wangs, viewer_huanbei):
    _log_in(client, viewer_huanbei)
    for key in ("photo", "diploma"):
        url = reverse("admin:recruitment_registration_document", args=[wangs.pk, key])
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "person",
    [
        "clerk_huanbei",
        "clerk_tongxing",
        "hub_officer",
        "system_admin",
        "security_admin",
        "audit_admin",
    ],
)
def test_people_without_recruitment_work_are_refused_the_review_and_documents(
    client, wangs, request, person
):
    _log_in(client, request.getfixturevalue(person))
    assert client.get(_review(wangs.pk)).status_code == 403
    assert client.get(_photo(wangs.pk)).status_code == 403


def test_an_outsider_is_sent_to_the_log_in(client, wangs, outsider):
    _log_in(client, outsider)
    assert client.get(_review(wangs.pk)).status_code == 302
    assert client.get(_photo(wangs.pk)).status_code == 302


@pytest.fixture
def zhang(guide):
    return candidate(Post.objects.get(name="社区社工岗"), 1, 80, 80, name="张三")


def _candidate_page(obj):
    return reverse("admin:recruitment_candidate_change", args=[obj.pk])


def test_the_recruitment_officer_sees_and_edits_the_candidates_full_id(
    client, zhang, recruitment_officer, django_assert_max_num_queries
):
    _log_in(client, recruitment_officer)
    # A page with full data writes its audit entry (the chain; on PostgreSQL its lock).
    with django_assert_max_num_queries(23):
        html = client.get(_candidate_page(zhang)).content.decode()
    assert f'value="{resident_id(1)}"' in html


def test_a_read_only_viewer_sees_the_candidates_id_masked(
    client, zhang, viewer_huanbei, django_assert_max_num_queries
):
    _log_in(client, viewer_huanbei)
    with django_assert_max_num_queries(18):
        response = client.get(_candidate_page(zhang))
    html = response.content.decode()
    assert response.status_code == 200
    assert resident_id(1) not in html and "522201********" in html


@pytest.mark.parametrize(
    "person", ["clerk_huanbei", "hub_officer", "system_admin", "security_admin", "audit_admin"]
)
def test_people_without_recruitment_work_cannot_open_a_candidate(client, zhang, request, person):
    _log_in(client, request.getfixturevalue(person))
    assert client.get(_candidate_page(zhang)).status_code == 403
