"""The staff second factor: a phone authenticator app (TOTP) and single-use recovery codes.

django-otp does the cryptography and the bookkeeping: `TOTPDevice.verify_token` refuses a code
already used (its `last_t`) and slows down guessing (throttling); a `StaticToken` is deleted
when it is used. This module only says how the portal uses them:

- set-up: `pending_phone_app(user)` is the unconfirmed device whose secret the set-up page shows
  (the same one on every visit until it is confirmed); `confirm_phone_app(device, code)` checks
  the first code, confirms the device and returns fresh recovery codes, shown once;
- log-in: `check_code(user, code)` tries a six-digit code on the phone app and anything else on
  the recovery codes, and returns the device that accepted it (for `django_otp.login`);
- a lost phone: `reset_second_factor(by, member)` deletes her devices and records who did it.
"""

from __future__ import annotations

import base64
import math

import segno
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import audit
from accounts.models import SecondFactorReset

PHONE_APP = "手机身份验证器"
RECOVERY_CODES = "恢复码"
RECOVERY_CODE_COUNT = 10


def phone_app(user) -> TOTPDevice | None:
    """Her confirmed phone app, if she has set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return phone_app(user) is not None


def pending_phone_app(user) -> TOTPDevice:
    """The device being set up: created on the first visit, the same secret until confirmed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=PHONE_APP, confirmed=False)


def confirm_phone_app(device: TOTPDevice, code: str) -> list[str] | None:
    """The first code from the phone confirms the set-up; returns the new recovery codes."""
    with transaction.atomic():
        if verify_token(device.user, device.persistent_id, code) is None:
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(audit.Kind.SECOND_FACTOR_SET_UP, user=device.user, target=str(device.user))
        return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace her recovery codes with `RECOVERY_CODE_COUNT` new ones (8 letters and digits)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _devices_for(user, code: str):
    """A six-digit code is for her phone app; anything else for her recovery codes."""
    model = TOTPDevice if code.isdigit() else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True)


def seconds_to_wait(devices) -> int:
    """After a wrong code, django-otp refuses the next try for 1, 2, 4, 8… seconds."""
    waits = [0]
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed and details and "locked_until" in details:
            remaining = (details["locked_until"] - timezone.now()).total_seconds()
            waits.append(max(1, math.ceil(remaining)))
    return max(waits)


def seconds_to_wait_for(user, code: str) -> int:
    return seconds_to_wait(_devices_for(user, code))


def check_code(user, code: str) -> Device | None:
    """The device that accepts the code (each code works once), or None."""
    for device in _devices_for(user, code):
        if (verified := verify_token(user, device.persistent_id, code)) is not None:
            return verified
    return None


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset_second_factor(by, member) -> SecondFactorReset:
    """Delete her phone app and recovery codes (she sets up again at her next log-in), and
    record who did it, in one transaction."""
    with transaction.atomic():
        for device in devices_for_user(member, confirmed=None):
            device.delete()
        audit.record(audit.Kind.SECOND_FACTOR_RESET, user=by, target=str(member), account=member.pk)
        return SecondFactorReset.objects.create(reset_by=by, staff_member=member)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as the phone apps expect it typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The set-up QR code as inline SVG, drawn here (no CDN, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, light="#fff", title="身份验证器二维码", omitsize=False
    )
