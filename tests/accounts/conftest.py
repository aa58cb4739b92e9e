"""People and steps of the second factor's tests.

Besides the named staff of tests/conftest.py: the system administrator (for now a member of staff
holding `accounts.reset_second_factor` and the user pages; the role 系统管理员 comes with the
three administrators) and a new clerk of 环北 who has not set up her second factor yet.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts import access
from tests.conftest import STAFF_PASSWORD, _staff


@pytest.fixture
def system_admin(db):
    user = _staff("system-admin", hub=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["auth", "accounts"],
            codename__in=["view_user", "change_user", "reset_second_factor",
                          "view_secondfactorreset"],
        )
    )  # fmt: skip
    return user


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
