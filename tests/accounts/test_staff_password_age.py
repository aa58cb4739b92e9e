"""Staff passwords: changed every 90 days, and a generated or reset password changed at the
next log-in — the admin sends her to its password change page until she has."""

import datetime as dt
import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordStatus
from accounts.passwords import change_due
from tests.conftest import STAFF_PASSWORD

NEW = "Quiet-harbour-77"


def _change(client, old: str, new: str = NEW):
    return client.post(
        reverse("admin:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_the_demo_admin_must_change_the_generated_password_first(client, db):
    out = StringIO()
    call_command("create_demo_admin", stdout=out)
    password = re.search(r"密码：\s+(\S+)", out.getvalue())[1]
    assert "首次登录后须先修改" in out.getvalue()
    assert client.login(username="admin", password=password)

    index = client.get(reverse("admin:index"), follow=True)
    assert index.redirect_chain[-1][0] == reverse("admin:password_change")
    assert "系统生成或由管理员重设" in index.content.decode()
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 302

    weak = _change(client, password, "Bijiang2024")
    assert "至少12位" in weak.content.decode()
    assert _change(client, password).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_staff_password_older_than_90_days_must_be_changed(client, clerk_huanbei):
    PasswordStatus.objects.filter(user=clerk_huanbei).update(
        changed_at=timezone.now() - dt.timedelta(days=91)
    )
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    page = client.get(reverse("admin:index"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("admin:password_change")
    assert "已使用超过90天" in page.content.decode()
    assert _change(client, STAFF_PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_89_day_old_password_is_still_good(client, clerk_huanbei):
    PasswordStatus.objects.filter(user=clerk_huanbei).update(
        changed_at=timezone.now() - dt.timedelta(days=89)
    )
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:index")).status_code == 200
    assert not [q for q in queries if "accounts_passwordstatus" in q["sql"]]  # looked up once


def test_the_old_password_may_not_come_back(client, clerk_huanbei):
    PasswordStatus.objects.filter(user=clerk_huanbei).update(must_change=True)
    client.login(username=clerk_huanbei.username, password=STAFF_PASSWORD)
    again = _change(client, STAFF_PASSWORD, STAFF_PASSWORD)
    assert "最近5次" in again.content.decode()


def test_a_password_the_system_administrator_sets_is_changed_at_the_next_log_in(
    client, superuser, clerk_huanbei
):
    PasswordStatus.objects.filter(user=superuser).update(changed_at=timezone.now())
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[clerk_huanbei.pk]),
        {"password1": "Reset-by-admin-2026", "password2": "Reset-by-admin-2026"},
    )
    assert response.status_code == 302
    reason, _ = change_due(clerk_huanbei)
    assert "由管理员重设" in reason


def test_an_account_the_administrator_creates_must_change_its_password(client, superuser):
    client.login(username=superuser.username, password=STAFF_PASSWORD)
    client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "new-clerk",
            "password1": "Given-by-admin-2026",
            "password2": "Given-by-admin-2026",
            "usable_password": "true",
        },
    )
    new = get_user_model().objects.get(username="new-clerk")
    assert new.password_status.must_change


def test_candidates_and_workers_have_no_expiry(candidate_wang, worker_li):
    PasswordStatus.objects.update(changed_at=timezone.now() - dt.timedelta(days=400))
    assert change_due(candidate_wang.user) == (None, None)
    assert change_due(worker_li.user) == (None, None)
