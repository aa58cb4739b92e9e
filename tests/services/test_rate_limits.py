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
    return client.post(
        reverse("services:track"), {"reference": reference, "phone_last4": last4}, **extra
    )


def test_ten_wrong_pairs_in_ten_minutes_then_the_lookup_answers_429(client, huanbei_case):
    for attempt in range(10):
        assert _track(client, _wrong(attempt)).status_code == 200
    response = _track(client, _wrong(20))
    assert response.status_code == 429
    assert "操作太频繁" in response.content.decode()


def test_after_ten_misses_a_correct_pair_still_answers(client, huanbei_case):
    """Behind a carrier's shared address, one guesser must not lock out a whole town."""
    for attempt in range(12):
        _track(client, _wrong(attempt))
    response = _track(client, huanbei_case.reference)
    assert response.status_code == 200
    assert "当前状态" in response.content.decode()
    assert _track(client, _wrong(30)).status_code == 429


def test_a_miss_is_counted_before_it_is_decided_so_concurrent_misses_cannot_slip_through(
    client, huanbei_case, monkeypatch
):
    """Ten other misses land while this one is being looked up (what 40 concurrent requests
    do); this one is the eleventh and must be refused, not answered."""
    from django.test import RequestFactory

    from bijiang_social.ratelimits import count_attempt
    from services.applications import views

    find_case = views._find_case
    concurrent = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")

    def find_case_while_others_miss(reference, last4):
        for _ in range(10):
            count_attempt(concurrent, views.TRACK_MISSES, "10/10m")
        return find_case(reference, last4)

    monkeypatch.setattr(views, "_find_case", find_case_while_others_miss)
    assert _track(client, _wrong(1)).status_code == 429


def test_many_addresses_guessing_the_digits_of_one_reference_lock_only_that_reference(
    huanbei_case, tongxing_case
):
    for attempt in range(10):
        guesser = Client(REMOTE_ADDR=f"198.51.100.{attempt}")
        assert _track(guesser, huanbei_case.reference, f"{attempt:04d}").status_code == 200
    guesser = Client(REMOTE_ADDR="198.51.100.99")
    assert _track(guesser, huanbei_case.reference, "0099").status_code == 429
    # The right digits would now confirm the guess, so that reference waits too…
    assert _track(Client(REMOTE_ADDR="203.0.113.5"), huanbei_case.reference).status_code == 429
    # …while every other case answers as usual.
    assert (
        _track(Client(REMOTE_ADDR="203.0.113.5"), tongxing_case.reference, "1111").status_code
        == 200
    )


def test_a_lookup_goes_by_post_with_a_csrf_token(huanbei_case):
    browser = Client(enforce_csrf_checks=True)
    assert _track(browser, huanbei_case.reference).status_code == 403
    # A link (or an <img> on another site) carrying the pair looks nothing up and counts nothing.
    for _ in range(12):
        html = browser.get(
            reverse("services:track"),
            {"reference": _wrong(1), "phone_last4": "0000"},
        ).content.decode()
        assert "没有找到" not in html
    form = browser.get(reverse("services:track")).content.decode()
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = browser.post(
        reverse("services:track"),
        {"reference": huanbei_case.reference, "phone_last4": "5678", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200 and "当前状态" in response.content.decode()


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


def test_the_bench_switch_lifts_the_limit_for_loopback_clients_only(minsheng, settings):
    """`make bench-writes` (BENCH_UNLIMITED=1) sends every resident from 127.0.0.1."""
    settings.APPLY_POST_RATE = "3/h"
    settings.BENCH_UNLIMITED = True
    url = reverse("services:apply-form", args=[minsheng.slug])
    loopback, outside = Client(REMOTE_ADDR="127.0.0.1"), Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        assert loopback.post(url, {"applicant_name": "张三"}).status_code == 400
    for _ in range(3):
        outside.post(url, {"applicant_name": "张三"})
    assert outside.post(url, {"applicant_name": "张三"}).status_code == 429


def test_the_limit_holds_in_the_database_while_redis_is_unreachable(client, huanbei_case, settings):
    use_redis(settings, "redis://127.0.0.1:1/0")  # nothing listens there
    for attempt in range(10):
        assert _track(client, _wrong(attempt)).status_code == 200
    assert _track(client, _wrong(20)).status_code == 429
