"""Redis is an optimisation: when it is down, pages are served uncached, limits still hold,
/healthz says so, and caching resumes when it is back (issue 18 §6)."""

import logging
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from bijiang_social import cache_backends, page_cache
from bijiang_social.models import KeyFigure
from tests.conftest import use_redis

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]
# Nothing listens on port 1: every connection is refused at once.
NOBODY_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_unreachable(settings):
    use_redis(settings, NOBODY_LISTENS)
    return NOBODY_LISTENS


def _redis_goes_away():
    """Every command to the (running) Redis fails as if its host had gone."""
    return mock.patch(
        "redis.client.Redis.execute_command", side_effect=RedisConnectionError("refused")
    )


@pytest.mark.parametrize(
    "name, args",
    [
        ("overview", []),
        ("services:index", []),
        ("services:apply-form", ["minsheng-doudi"]),
        ("services:track", []),
    ],
)
def test_pages_answer_200_uncached_while_redis_is_unreachable(
    redis_unreachable, client, guide, name, args
):
    url = reverse(name, args=args)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"


def test_healthz_answers_200_and_says_the_cache_is_down(redis_unreachable, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "down"}


def test_healthz_says_the_cache_is_ok_when_redis_answers(settings, redis_server, client):
    use_redis(settings, redis_server)
    assert client.get(reverse("healthz")).json()["cache"] == "ok"


def test_an_outage_is_logged_once_per_interval_not_per_request(
    redis_unreachable, client, guide, caplog
):
    with caplog.at_level(logging.WARNING, logger="bijiang_social.cache_backends"):
        for _ in range(5):
            client.get(reverse("overview"))
            # Past the retry pause, so every request really tries Redis again.
            cache_backends._health[NOBODY_LISTENS].retry_at = 0
    records = caplog.get_records("setup") + caplog.get_records("call")
    warnings = [r for r in records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1


def test_the_connection_gives_up_quickly_so_a_hung_redis_cannot_hang_a_request(settings):
    from django.conf import settings as live

    options = cache_backends.redis_caches(NOBODY_LISTENS, live.REDIS_TIMEOUT_MS)["default"][
        "OPTIONS"
    ]
    assert options["socket_timeout"] <= 0.5 and options["socket_connect_timeout"] <= 0.5


def test_caching_resumes_when_redis_is_back_and_an_edit_made_meanwhile_shows(
    settings, redis_server, guide
):
    use_redis(settings, redis_server)
    browser = Client()
    browser.get(reverse("overview"))
    assert browser.get(reverse("overview"))["X-Page-Cache"] == "hit"

    with _redis_goes_away():
        figure = KeyFigure.objects.get(key="agencies")
        figure.value = "77"
        figure.save()  # its invalidation cannot reach Redis
        response = browser.get(reverse("overview"))
        assert 'key-figure-value">77<' in response.content.decode()

    # Redis is back (with the page cached before the edit); after the retry pause the next
    # request reconnects and the stale page is not served.
    for health in cache_backends._health.values():
        health.retry_at = 0
    response = browser.get(reverse("overview"))
    assert 'key-figure-value">77<' in response.content.decode()
    assert browser.get(reverse("overview"))["X-Page-Cache"] == "hit"
    assert page_cache.current_stamp() is not None
