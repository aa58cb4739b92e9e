"""People and steps of the second factor's tests.

Besides the named staff of tests/conftest.py (the system administrator, 系统管理员, among them):
a new clerk of 环北 who has not set up her second factor yet.
"""

import pytest
from django.urls import reverse

from accounts import access
from tests.conftest import STAFF_PASSWORD, _staff


@pytest.fixture
def new_clerk(huanbei):
    return _staff("new-clerk", role=access.STREET_CLERK, street=huanbei)


def password_log_in(client, user, next_url: str | None = None):
    """Her user name and password at the admin's door (the first of the two factors)."""
    data = {"username": user.username, "password": STAFF_PASSWORD}
    data["next"] = next_url or reverse("admin:index")
    return client.post(reverse("admin:login"), data)


def give_code(client, code: str, next_url: str | None = None):
    data = {"code": code, "next": next_url or reverse("admin:index")}
    return client.post(reverse("accounts:second-factor-verify"), data)


@pytest.fixture(autouse=True)
def _quick_password_hashes(settings):
    """These tests check hundreds of passwords: a fast hasher (the rules are the same)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def tamper(sql: str, params=()) -> None:
    """Run raw SQL on the audit record behind the portal's back, as someone holding the
    database would. On PostgreSQL the table's owner first switches its append-only trigger
    off (inside the test's transaction, which rolls it back)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks of the test's own inserts must run first: PostgreSQL
            # alters no table with trigger events pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE accounts_securityevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE accounts_securityevent ENABLE TRIGGER USER")
