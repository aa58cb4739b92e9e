"""Per-client limits on tracking look-ups and application submissions."""

import pytest
from django.test import Client
from django.urls import reverse

from services.applications.models import REFERENCE_ALPHABET
from tests.conftest import use_redis

pytestmark = pytest.mark.django_db


def _wrong(n: int) -> str:
    """A well-formed reference number that belongs to no case."""
    return f"BJ-2026-ZZZZZ{REFERENCE_ALPHABET[n]}"


def _track(client, reference, last4="5678", **extra):
    return client.get(
        reverse("services:track"), {"reference": reference, "phone_last4": last4}, **extra
    )


def test_ten_wrong_pairs_in_ten_minutes_then_the_lookup_answers_429(client, huanbei_case):
    for attempt in range(10):
        assert _track(client, _wrong(attempt)).status_code == 200
    response = _track(client, _wrong(20))
    assert response.status_code == 429
    assert "操作太频繁" in response.content.decode()
    # Once limited, even the right pair waits: guessing must not be confirmed.
    assert _track(client, huanbei_case.reference).status_code == 429


def test_a_resident_looking_up_a_real_case_is_never_limited(client, huanbei_case):
    for _ in range(15):
        assert _track(client, huanbei_case.reference).status_code == 200


def test_another_client_address_keeps_its_own_count(client, huanbei_case):
    for attempt in range(11):
        _track(client, _wrong(attempt))
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert _track(other, huanbei_case.reference).status_code == 200


def test_a_forged_forwarded_header_does_not_dodge_the_limit(client, huanbei_case, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(11):
        _track(client, _wrong(attempt), HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}")
    assert _track(client, _wrong(21), HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_a_trusted_proxy_each_resident_is_counted_by_the_address_it_saw(
    client, huanbei_case, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(11):
        _track(client, _wrong(attempt), HTTP_X_FORWARDED_FOR="198.51.100.1")
    blocked = _track(client, _wrong(22), HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = _track(client, huanbei_case.reference, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert (blocked.status_code, other.status_code) == (429, 200)


def test_application_submissions_are_limited_per_hour(client, minsheng, settings):
    settings.APPLY_POST_RATE = "3/h"
    url = reverse("services:apply-form", args=[minsheng.slug])
    for _ in range(3):
        assert client.post(url, {"applicant_name": "张三"}).status_code == 400
    response = client.post(url, {"applicant_name": "张三"})
    assert response.status_code == 429
    assert "操作太频繁" in response.content.decode()


def test_the_limit_holds_in_the_database_while_redis_is_unreachable(
    client, huanbei_case, settings
):
    use_redis(settings, "redis://127.0.0.1:1/0")  # nothing listens there
    for attempt in range(10):
        assert _track(client, _wrong(attempt)).status_code == 200
    assert _track(client, _wrong(20)).status_code == 429
