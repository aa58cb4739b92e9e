"""Fuzzing the 好差评 form: whatever is posted, the answer is the tracking page (found, not
found, refused) or 429, never a server error; only a valid level with the right pair is stored."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Street
from services.applications.models import ServiceCategory
from services.applications.rules import apply_transition
from services.ratings.models import Rating
from tests.fuzz.strategies import field_value, form_data, fuzz
from tests.services.conftest import bring_into_service, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(guide, clerk_huanbei):
    category = ServiceCategory.objects.get(slug="shequ-zhili")
    case = make_case(category, Street.objects.get(slug="huanbei"))
    bring_into_service(case, clerk_huanbei)
    apply_transition(case, "close", clerk_huanbei)
    return case


@fuzz
@given(draw=st.data())
def test_the_rating_form_never_fails(client, closed_case, settings, draw):
    settings.TRACK_MISS_RATE = "100000/m"
    data = draw.draw(_rating_data(closed_case.reference))
    response = client.post(reverse("services:rate"), data)
    assert response.status_code in {200, 400}
    for rating in Rating.objects.all():
        assert rating.level in range(1, 6) and len(rating.comment) <= 500


def _rating_data(reference: str):
    return form_data(
        {
            "occasion": field_value("closing", "evaluation-1"),
            "closing-reference": field_value(reference, reference.lower()),
            "closing-phone_last4": field_value("5678", "５６７８"),
            "closing-level": field_value("1", "2", "5", "6"),
            "closing-aspect": field_value("", "speed", "effect"),
            "closing-comment": field_value("很好", "长" * 501),
        }
    )
