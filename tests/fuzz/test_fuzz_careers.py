"""Fuzzing the careers pages: the subsidy and promotion calculators (GET) and the training
sign-up (POST, with the CSRF token of the real form)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given

from careers.models import CertificateLevel, PromotionStep, SignUp, TrainingChannel, TrainingSession
from tests.fuzz.csrf import csrf_token_from
from tests.fuzz.strategies import field_value, form_data, fuzz, fuzz_lightly, raw_query

pytestmark = pytest.mark.django_db

WHOLE = ("0", "6", "12", "１２", "99")
DECIMAL = ("0", "1.5", "２．５", "60")


def _levels() -> list[str]:
    return list(CertificateLevel.objects.values_list("code", flat=True))


def test_the_subsidy_calculator_never_fails_on_any_input(client, guide):
    url = reverse("careers:subsidies")
    answers = form_data({"level": field_value(*_levels()), "project_months": field_value(*WHOLE)})

    @fuzz
    @given(data=answers)
    def calculate(data):
        assert client.get(url, data).status_code == 200

    calculate()


def test_the_promotion_check_never_fails_on_any_input(client, guide):
    url = reverse("careers:promotion")
    roles = list(PromotionStep.objects.values_list("from_role", flat=True))
    answers = form_data(
        {
            "role": field_value(*roles),
            "years": field_value(*DECIMAL),
            "key_projects": field_value(*WHOLE),
            "level": field_value(*_levels()),
        }
    )

    @fuzz
    @given(data=answers)
    def check(data):
        assert client.get(url, data).status_code == 200

    check()


@fuzz_lightly
@given(query=raw_query(["level", "project_months", "role", "years", "key_projects"]))
def test_the_calculators_survive_any_bytes_in_their_address(client, guide, query):
    for name in ("careers:subsidies", "careers:promotion"):
        assert client.get(reverse(name), QUERY_STRING=query).status_code == 200


@pytest.fixture
def session(guide) -> TrainingSession:
    return TrainingSession.objects.create(
        channel=TrainingChannel.objects.first(),
        topic="个案工作实务",
        starts_at=timezone.now() + dt.timedelta(days=20),
        place="碧江区民政局三楼会议室",
        capacity=1000,
    )


def test_the_training_sign_up_never_fails_on_any_submission(strict_client, session):
    url = reverse("careers:sign-up", args=[session.pk])
    token = csrf_token_from(strict_client, url)
    answers = form_data(
        {
            "name": field_value("王芳", " 李 娜 "),
            "organisation": field_value("环北街道社工站"),
            "phone": field_value("13812345678", "138-1234-5678", "１３８１２３４５６７８"),
        }
    )

    @fuzz
    @given(data=answers)
    def sign_up(data):
        before = SignUp.objects.count()
        response = strict_client.post(url, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code in {200, 302}
        if response.status_code == 302:
            assert response["Location"] == reverse("careers:training")
            assert SignUp.objects.count() == before + 1
        else:
            assert 'name="csrfmiddlewaretoken"' in response.content.decode()  # the form again
            assert SignUp.objects.count() == before, "a refused sign-up was saved"

    sign_up()
