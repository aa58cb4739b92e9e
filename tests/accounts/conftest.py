import pytest


@pytest.fixture(autouse=True)
def _quick_password_hashes(settings):
    """These tests check hundreds of passwords: a fast hasher (the rules are the same)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
