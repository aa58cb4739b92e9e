"""A lost phone: the system administrator resets a member of staff's second factor."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecondFactorReset
from accounts.second_factor import new_recovery_codes
from tests.accounts.conftest import give_code, password_log_in
from tests.conftest import next_code, phone_app, verify_session

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]

ACTION = "reset_second_factor"


def _admin_client(client, user):
    client.force_login(user)
    verify_session(client, user)
    return client


def _reset(client, *users):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": ACTION, admin.helpers.ACTION_CHECKBOX_NAME: [u.pk for u in users]},
        follow=True,
    )


def test_a_reset_deletes_her_devices_and_is_recorded(client, system_admin, clerk_huanbei):
    phone_app(clerk_huanbei)
    new_recovery_codes(clerk_huanbei)
    response = _reset(_admin_client(client, system_admin), clerk_huanbei)
    assert "已重置 1 名工作人员的第二重验证（clerk-huanbei）" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=clerk_huanbei).exists()
    assert not StaticDevice.objects.filter(user=clerk_huanbei).exists()
    record = SecondFactorReset.objects.get()
    assert (record.reset_by, record.staff_member) == (system_admin, clerk_huanbei)
    assert record.reset_at is not None


def test_after_a_reset_she_sets_up_again_at_her_next_log_in(client, system_admin, clerk_huanbei):
    from django.test import Client

    phone_app(clerk_huanbei)
    _reset(_admin_client(client, system_admin), clerk_huanbei)
    her = Client()
    password_log_in(her, clerk_huanbei)
    response = her.get(reverse("accounts:second-factor"))
    assert response["Location"].startswith(reverse("accounts:second-factor-setup"))


def test_a_reset_ends_her_open_sessions_at_the_admin(client, system_admin, clerk_huanbei):
    from django.test import Client

    her = Client()
    password_log_in(her, clerk_huanbei)
    give_code(her, next_code(phone_app(clerk_huanbei)))
    assert her.get(reverse("admin:index")).status_code == 200
    _reset(_admin_client(client, system_admin), clerk_huanbei)
    assert her.get(reverse("admin:index")).status_code == 302


def test_a_non_administrator_cannot_reset(client, hub_officer, clerk_huanbei, superuser):
    phone_app(clerk_huanbei)
    client = _admin_client(client, hub_officer)
    hub_officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )  # she may see the user pages, not reset
    page = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert ACTION not in page
    _reset(client, clerk_huanbei)
    assert TOTPDevice.objects.filter(user=clerk_huanbei).exists()
    assert not SecondFactorReset.objects.exists()


def test_the_administrator_sees_the_action(client, system_admin):
    page = _admin_client(client, system_admin).get(reverse("admin:auth_user_changelist"))
    assert "重置第二重验证" in page.content.decode()


def test_nobody_edits_or_deletes_the_record_in_the_admin(client, superuser, clerk_huanbei):
    _reset(_admin_client(client, superuser), clerk_huanbei)
    record = SecondFactorReset.objects.get()
    change = client.get(reverse("admin:accounts_secondfactorreset_change", args=[record.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    delete = reverse("admin:accounts_secondfactorreset_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:accounts_secondfactorreset_add")).status_code == 403
    assert SecondFactorReset.objects.filter(pk=record.pk).exists()


def test_the_devices_secrets_are_not_in_the_admin(client, superuser):
    page = _admin_client(client, superuser).get(reverse("admin:index")).content.decode()
    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)
    assert "otp_totp" not in page and "otp_static" not in page
