"""Per-client limits, counted where every worker and instance sees the same number.

`count_attempt()` adds the attempt and decides in one atomic step (Redis `SET NX` + `INCR` in
one transaction, or one `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`),
so 40 concurrent attempts against a limit of 10 let exactly 10 through. The counters live in
Redis when REDIS_URL is set and Redis answers; otherwise (no Redis, or Redis down) in the
RateCounter table, so a limit keeps holding through a Redis outage.

Windows are fixed: "10/10m" allows 10 attempts in each 10-minute slot of the clock.
The client address is bijiang_social.client_ip.
"""

import datetime as dt
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from bijiang_social.client_ip import client_ip
from bijiang_social.models import RateCounter

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/10m" → (10, 600): attempts allowed and the window in seconds."""
    count, _, period = rate.partition("/")
    number = period[:-1] or "1"
    return int(count), int(number) * _UNITS[period[-1]]


def _window_key(group: str, subject: str, period: int) -> tuple[str, int]:
    window = int(time.time() // period)
    prefix = settings.CACHES["ratelimit"].get("KEY_PREFIX", "")
    expires = (window + 1) * period - int(time.time())
    return f"rl:{prefix}:{group}:{subject}:{period}:{window}", max(expires, 1)


def _redis():
    backend = caches["ratelimit"]
    return backend if hasattr(backend, "count") else None


def _count_in_database(key: str, seconds: int) -> int:
    """One statement, atomic in PostgreSQL and SQLite alike: insert the counter at 1 or add one
    to it, and read the result back (`INSERT … ON CONFLICT DO UPDATE … RETURNING`)."""
    now = timezone.now()
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s) "
            f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key, now + dt.timedelta(seconds=seconds)],
        )
        used = cursor.fetchone()[0]
    if used == 1:  # a new window for this client: the good moment to drop expired ones
        RateCounter.objects.filter(expires_at__lt=now).delete()
    return used


def _peek_in_database(key: str) -> int:
    return RateCounter.objects.filter(key=key).values_list("count", flat=True).first() or 0


def count(group: str, subject: str, rate: str) -> bool:
    """Count one attempt by `subject` in `group`; True when it goes over `rate`."""
    if not settings.RATELIMIT_ENABLE:
        return False
    limit, period = parse_rate(rate)
    key, seconds = _window_key(group, subject, period)
    redis = _redis()
    used = redis.count(key, seconds) if redis else None
    if used is None:
        used = _count_in_database(key, seconds)
    return used > limit


def reached(group: str, subject: str, rate: str) -> bool:
    """True when `subject` has already used up `rate` in `group` (nothing is counted)."""
    if not settings.RATELIMIT_ENABLE:
        return False
    limit, period = parse_rate(rate)
    key, _ = _window_key(group, subject, period)
    redis = _redis()
    used = redis.peek(key) if redis else None
    if used is None:
        used = _peek_in_database(key)
    return used >= limit


def _bench_exempt(address: str) -> bool:
    """`make bench-writes` sends every simulated resident and candidate from 127.0.0.1.
    BENCH_UNLIMITED (refused by settings.py unless every allowed host is a loopback name)
    exempts loopback clients only; production, serving a real host name, cannot turn it on.
    django-axes' lock-out after wrong passwords is not exempted."""
    return settings.BENCH_UNLIMITED and address in ("127.0.0.1", "::1")


def count_attempt(request: HttpRequest, group: str, rate: str) -> bool:
    """Count one attempt by this client; True when it goes over `rate` (answer 429)."""
    address = client_ip(request)
    return False if _bench_exempt(address) else count(group, address, rate)


def limit_reached(request: HttpRequest, group: str, rate: str) -> bool:
    """True when this client has already used up `rate` in `group`."""
    address = client_ip(request)
    return False if _bench_exempt(address) else reached(group, address, rate)
