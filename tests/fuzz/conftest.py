"""Fixtures for the fuzz tests: uploads go to a throwaway folder, rate limits are off.

The limits are tested on their own; here they would only turn later examples into 429s and
hide the forms behind them.
"""

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _fuzz_defaults(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def strict_client() -> Client:
    """A client that, like a browser, must send the CSRF token of the form it fills."""
    return Client(enforce_csrf_checks=True)
