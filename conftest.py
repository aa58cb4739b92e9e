"""Let a bare `pytest` work too: the same environment `make test` sets, unless already set."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Each test run its own page-cache stamp, so parallel runs on one machine never meet.
os.environ.setdefault(
    "PAGE_CACHE_STAMP_FILE",
    os.path.join(tempfile.gettempdir(), f"bijiang-test-stamp-{os.getpid()}"),
)
# Playwright's sync API runs an event loop in the test thread; Django's ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The test keys `make test` sets (Makefile TEST_KEYS); never used outside the tests.
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "dGVzdC1maWVsZC1rZXktMQ==")
os.environ.setdefault("BLIND_INDEX_KEY", "dGVzdC1vbmx5LWJsaW5kLWluZGV4LWtleS0zMmJ5dGU=")
os.environ.setdefault("BACKUP_ENCRYPTION_KEY", "dGVzdC1iYWNrdXAta2V5MQ==")
