"""What the audit record stands on cannot be removed: django-axes' logs, and staff accounts
(deactivated, never deleted, so every entry keeps its author)."""

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.db.models import ProtectedError
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def access_log(db):
    return AccessLog.objects.create(username="clerk", ip_address="203.0.113.7", path_info="/")


def test_the_superuser_cannot_delete_an_access_log(client, superuser, access_log):
    client.force_login(superuser)
    url = reverse("admin:axes_accesslog_delete", args=[access_log.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert AccessLog.objects.filter(pk=access_log.pk).exists()


@pytest.mark.parametrize("model", ["accesslog", "accessfailurelog"])
def test_no_delete_selected_is_offered_on_the_axes_logs(client, superuser, access_log, model):
    AccessFailureLog.objects.create(username="x", ip_address="203.0.113.7", path_info="/")
    client.force_login(superuser)
    page = client.get(reverse(f"admin:axes_{model}_changelist")).content.decode()
    assert "203.0.113.7" in page and "delete_selected" not in page


def test_failed_log_ins_are_kept_in_the_failure_log(client, clerk_huanbei):
    client.post(reverse("admin:login"), {"username": clerk_huanbei.username, "password": "wrong"})
    assert AccessFailureLog.objects.filter(username=clerk_huanbei.username).exists()


def test_deleting_a_staff_account_is_refused_in_the_orm(clerk_huanbei):
    with pytest.raises(ProtectedError, match="只能停用"):
        clerk_huanbei.delete()


def test_the_user_admin_refuses_to_delete_a_staff_account_and_says_why(
    client, superuser, clerk_huanbei
):
    client.force_login(superuser)
    url = reverse("admin:auth_user_delete", args=[clerk_huanbei.pk])
    page = client.post(url, {"post": "yes"}, follow=True).content.decode()
    assert "只能停用" in page
    changelist = reverse("admin:auth_user_changelist")
    data = {"action": "delete_unless_staff", "_selected_action": [clerk_huanbei.pk], "post": "yes"}
    page = client.post(changelist, data, follow=True).content.decode()
    assert "只能停用" in page
    assert 'value="delete_selected"' not in client.get(changelist).content.decode()
    clerk_huanbei.refresh_from_db()
    assert clerk_huanbei.is_active
