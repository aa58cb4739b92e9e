"""Fuzzing the resident's service pages: find, choose a category, apply, track.

Whatever is typed or sent, the answer is a page (or a redirect), never a server error, and a
refused application leaves nothing behind.
"""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Street
from services.applications.models import ApplicationDocument, ServiceApplication, ServiceCategory
from services.models import ServicePoint
from tests.fuzz.csrf import csrf_token_from
from tests.fuzz.strategies import (
    field_value,
    file_or_text,
    form_data,
    fuzz,
    fuzz_lightly,
    nasty_value,
    raw_query,
)

pytestmark = pytest.mark.django_db

VALID_ID = "522201199001011230"
MOBILE = "13812345678"
REFUSED_OR_DONE = {200, 302, 400}

find_data = form_data(
    {
        "q": field_value("环北", "铜兴 社区", "清水大道"),
        "lat": field_value("27.72", "0", "-90", "90.0001"),
        "lng": field_value("109.19", "180", "-180.5"),
    }
)


@fuzz
@given(data=find_data)
def test_the_find_page_never_fails_on_any_search(client, guide, data):
    response = client.get(reverse("services:find"), data)
    assert response.status_code == 200


@fuzz_lightly
@given(query=raw_query(["q", "lat", "lng"]))
def test_the_find_page_survives_any_bytes_in_its_address(client, guide, query):
    response = client.get(reverse("services:find"), QUERY_STRING=query)
    assert response.status_code == 200


@fuzz_lightly
@given(station=field_value("huanbei", "jintan"), query=raw_query(["station"]))
def test_the_category_choice_page_never_fails_whatever_station_is_asked_for(
    client, guide, station, query
):
    assert client.get(reverse("services:apply"), {"station": station}).status_code == 200
    assert client.get(reverse("services:apply"), QUERY_STRING=query).status_code == 200


@pytest.fixture
def category(guide) -> ServiceCategory:
    return ServiceCategory.objects.active().get(slug="minsheng-doudi")


def _application_data(category: ServiceCategory) -> st.SearchStrategy[dict]:
    streets = [str(pk) for pk in Street.objects.values_list("pk", flat=True)]
    communities = [
        str(pk)
        for pk in ServicePoint.objects.filter(level="community").values_list("pk", flat=True)
    ]
    documents = {document.field_name: file_or_text for document in category.documents.all()}
    return form_data(
        {
            "applicant_name": field_value("张三", "欧阳 娜娜"),
            "id_number": field_value(VALID_ID, " 5222 0119 9001 0112 30 "),
            "mobile": field_value(MOBILE, "138-1234-5678"),
            "street": field_value(*streets),
            "community": field_value("", *communities),
            "help_needed": field_value("家里老人独居，希望有人定期上门探访。"),
            "declaration": field_value("on"),
            "consent": field_value("on"),
            **documents,
        }
    )


def _rows() -> tuple[int, int]:
    return ServiceApplication.objects.count(), ApplicationDocument.objects.count()


def test_the_application_form_never_fails_on_any_submission(strict_client, category):
    url = reverse("services:apply-form", args=[category.slug])
    token = csrf_token_from(strict_client, url)

    @fuzz
    @given(data=_application_data(category))
    def submit(data):
        before = _rows()
        response = strict_client.post(url, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code in REFUSED_OR_DONE
        if response.status_code == 302:
            assert response["Location"] == reverse("services:apply-receipt")
            assert _rows()[0] == before[0] + 1
        else:
            assert 'enctype="multipart/form-data"' in response.content.decode()  # the form again
            assert _rows() == before, "a refused application saved something"

    submit()


def test_the_application_form_never_fails_without_any_files(strict_client, category):
    url = reverse("services:apply-form", args=[category.slug])
    token = csrf_token_from(strict_client, url)
    without_files = _application_data(category).map(
        lambda data: {key: value for key, value in data.items() if not key.startswith("document_")}
    )

    @fuzz_lightly
    @given(data=without_files)
    def submit(data):
        before = _rows()
        response = strict_client.post(url, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code in {200, 400}
        assert 'enctype="multipart/form-data"' in response.content.decode()
        assert _rows() == before

    submit()


@fuzz_lightly
@given(token=nasty_value)
def test_a_forged_csrf_token_is_refused_not_a_crash(strict_client, category, token):
    url = reverse("services:apply-form", args=[category.slug])
    before = _rows()
    response = strict_client.post(url, {"csrfmiddlewaretoken": token, "applicant_name": "张三"})
    assert response.status_code == 403
    assert _rows() == before


track_data = form_data(
    {
        "reference": field_value("BJ-2026-K7M3Q9", "bj 2026 k7m3q9"),
        "phone_last4": field_value("5678", "５６７８", "٥٦٧٨", "¹²³⁴"),
    }
)


@fuzz
@given(data=track_data)
def test_the_tracking_look_up_never_fails_on_any_input(client, guide, data):
    response = client.post(reverse("services:track"), data)
    assert response.status_code == 200


@fuzz_lightly
@given(query=raw_query(["reference", "phone_last4"]))
def test_the_tracking_look_up_survives_any_bytes_in_its_address(client, guide, query):
    response = client.get(reverse("services:track"), QUERY_STRING=query)
    assert response.status_code == 200
