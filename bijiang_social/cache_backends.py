"""Django's Redis cache, made safe to lose: an unreachable or hung Redis is an empty cache.

The page cache is an optimisation, so when Redis does not answer (within the short socket
timeouts set in settings.py) every read is a miss and every write is dropped, and the page is
rendered uncached. After a failure this process leaves Redis alone for RETRY_SECONDS, so
requests during an outage do not each wait for a timeout; then one request tries again.
A warning is logged when Redis goes away, at most once per LOG_INTERVAL_SECONDS while it stays
away, and once when it is back. Whatever registered with `on_reconnect` runs when it is back
(the page cache moves its stamp, so an edit made during the outage is never hidden behind a
page cached before it).

Rate limits must not silently stop counting: `count()` returns None when Redis is down, and
bijiang_social.ratelimits then counts in the database instead.
"""

import logging
import threading
import time
from collections.abc import Callable

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
LOG_INTERVAL_SECONDS = 60.0
_reconnect_callbacks: list[Callable[[], None]] = []


def redis_caches(url: str, timeout_ms: int) -> dict:
    """settings.CACHES for Redis at `url`: pages and rate-limit counters, each operation
    given up after `timeout_ms` (connect and read), so a hung Redis cannot hang a request."""
    options = {"socket_connect_timeout": timeout_ms / 1000, "socket_timeout": timeout_ms / 1000}
    backend = "bijiang_social.cache_backends.ResilientRedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": "bj", "OPTIONS": options},
        "ratelimit": {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": "bj-rl",
            "OPTIONS": options,
        },
    }


def on_reconnect(callback: Callable[[], None]) -> None:
    """Run `callback` whenever this process finds Redis reachable again after an outage."""
    if callback not in _reconnect_callbacks:
        _reconnect_callbacks.append(callback)


class _Health:
    """Whether one Redis server is reachable, as this process last saw it."""

    def __init__(self):
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.logged_at = 0.0
        self.lock = threading.Lock()

    def skip(self) -> bool:
        return self.down_since is not None and time.monotonic() < self.retry_at

    def failed(self, location: str, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            if self.down_since is None:
                self.down_since = now
            self.retry_at = now + RETRY_SECONDS
            if now - self.logged_at >= LOG_INTERVAL_SECONDS or self.logged_at == 0.0:
                self.logged_at = now
                logger.warning(
                    "Redis at %s is unreachable (%s: %s); pages are served uncached and "
                    "rate limits are counted in the database until it is back.",
                    location,
                    type(error).__name__,
                    error,
                )

    def succeeded(self, location: str) -> bool:
        """Record a success; True when this ends an outage."""
        if self.down_since is None:
            return False
        with self.lock:
            if self.down_since is None:
                return False
            seconds = time.monotonic() - self.down_since
            self.down_since = None
            self.logged_at = 0.0
        logger.warning("Redis at %s is reachable again after %.0f s.", location, seconds)
        return True


_health: dict[str, _Health] = {}


class ResilientRedisCache(RedisCache):
    """RedisCache whose every operation degrades to "nothing cached" when Redis is away."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = ",".join(self._servers)
        self._state = _health.setdefault(self._location, _Health())

    def _call(self, default, operation: Callable, *args, read: bool = False):
        if self._state.skip():
            return default
        try:
            result = operation(*args)
        except RedisError as error:
            self._state.failed(self._location, error)
            return default
        if self._state.succeeded(self._location):
            for callback in list(_reconnect_callbacks):
                callback()
            if read:  # read again what the callbacks may have changed (the stamp)
                return self._call(default, operation, *args)
        return result

    def available(self) -> bool:
        """Ask Redis now (one PING, within the socket timeout)."""
        client = self._cache.get_client(None)
        return self._call(False, client.ping) is True

    def count(self, key: str, timeout: int) -> int | None:
        """Add one to the counter `key` (created with `timeout` seconds to live) and return
        the new value, in one atomic step; None when Redis is unreachable."""
        key = self.make_and_validate_key(key)

        def increment() -> int:
            pipeline = self._cache.get_client(key, write=True).pipeline(transaction=True)
            pipeline.set(key, 0, ex=timeout, nx=True)
            pipeline.incr(key)
            return pipeline.execute()[1]

        return self._call(None, increment)

    def peek(self, key: str) -> int | None:
        """The counter's value (0 when absent), or None when Redis is unreachable."""
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key)
        value = self._call(None, client.get, key, read=True)
        if value is None:
            return None if self._state.down_since is not None else 0
        return int(value)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version, read=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version, read=True)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version, read=True)

    def incr(self, key, delta=1, version=None):
        # Callers of incr() count something; an outage must not look like a count of 0.
        unreachable = ValueError(f"Redis is unreachable; key {key!r} cannot be incremented.")
        if self._state.skip():
            raise unreachable
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._state.failed(self._location, error)
            raise unreachable from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)
