"""Fuzzing the applicants' calculators: the eligibility self-check and the score calculator.

Both are GET forms; whatever is in the address, the page answers 200 with a result or with
messages saying what to fix.
"""

import pytest
from django.urls import reverse
from hypothesis import given

from recruitment.models import RecruitmentRound
from recruitment.rules import Education, SocialWorkLevel
from tests.fuzz.strategies import field_value, form_data, fuzz, fuzz_lightly, raw_query

pytestmark = pytest.mark.django_db

YEAR = 2024
NUMBERS = ("0", "75", "75.5", "７５．５", "100", "0.5", "60")

eligibility_fields = {
    "education": field_value(*(str(value) for value in Education.values)),
    "social_work_level": field_value(*SocialWorkLevel.values),
    "eldercare_certificate": field_value("yes", "no"),
    "local": field_value("yes", "no"),
    "grassroots_years": field_value(*NUMBERS),
}
score_fields = {
    "written": field_value(*NUMBERS),
    "interview": field_value(*NUMBERS),
    "certified": field_value("on", "true", "1"),
}


def _posts() -> list[str]:
    return [
        str(pk) for pk in RecruitmentRound.objects.get(year=YEAR).posts.values_list("pk", flat=True)
    ]


def test_the_eligibility_check_never_fails_on_any_answers(client, guide):
    url = reverse("recruitment:eligibility", args=[YEAR])
    answers = form_data({**eligibility_fields, "post": field_value("", *_posts())})

    @fuzz
    @given(data=answers)
    def check(data):
        assert client.get(url, data).status_code == 200

    check()


@fuzz_lightly
@given(query=raw_query(list(eligibility_fields)))
def test_the_eligibility_check_survives_any_bytes_in_its_address(client, guide, query):
    url = reverse("recruitment:eligibility", args=[YEAR])
    assert client.get(url, QUERY_STRING=query).status_code == 200


@fuzz
@given(data=form_data(score_fields))
def test_the_score_calculator_never_fails_on_any_input(client, guide, data):
    response = client.get(reverse("recruitment:score", args=[YEAR]), data)
    assert response.status_code == 200


@fuzz_lightly
@given(query=raw_query(list(score_fields)))
def test_the_score_calculator_survives_any_bytes_in_its_address(client, guide, query):
    url = reverse("recruitment:score", args=[YEAR])
    assert client.get(url, QUERY_STRING=query).status_code == 200
