"""Password rules, per audience (Django's AUTH_PASSWORD_VALIDATORS), and the staff's
password age: changed every STAFF_PASSWORD_MAX_AGE_DAYS, the last STAFF_PASSWORD_HISTORY
not chosen again, a password someone else generated or reset changed at the next log-in.

- Staff: at least STAFF_PASSWORD_MIN_LENGTH (12) characters, three of the four kinds
  (lower-case, upper-case, digits, symbols).
- Candidates, social workers (and a new account not yet anybody's): at least
  PUBLIC_PASSWORD_MIN_LENGTH (8) characters, letters and digits.
- Everyone: not like the user name, the person's name in pinyin, the ID number or the
  birthday in it (`audiences.personal_facts`).

Every refusal is Chinese and says how to choose a password that passes.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from pypinyin import lazy_pinyin

from accounts import audiences

_ID_NUMBER = re.compile(r"^[0-9]{17}[0-9Xx]$")


def _is_staff(user) -> bool:
    return user is not None and audiences.audience_of(user) == audiences.STAFF


def _kinds(password: str) -> int:
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


class AudienceLengthValidator:
    """Length and kinds of characters: staff's stricter rule, everyone else's."""

    def validate(self, password: str, user=None) -> None:
        if _is_staff(user):
            least = settings.STAFF_PASSWORD_MIN_LENGTH
            if len(password) < least or _kinds(password) < 3:
                raise ValidationError(
                    f"工作人员的密码至少{least}位，并包含大写字母、小写字母、数字、符号中的"
                    "至少三种，例如把一句好记的话取首字母再加数字和符号。",
                    code="staff_password_weak",
                )
            return
        least = settings.PUBLIC_PASSWORD_MIN_LENGTH
        has_letter = any(c.isascii() and c.isalpha() for c in password)
        has_digit = any(c.isdigit() for c in password)
        if len(password) < least or not (has_letter and has_digit):
            raise ValidationError(
                f"密码至少{least}位，并且要同时有字母和数字，例如在一个好记的单词后加几位数字。",
                code="password_weak",
            )

    def get_help_text(self) -> str:
        return (
            f"至少{settings.PUBLIC_PASSWORD_MIN_LENGTH}位，同时有字母和数字"
            f"（工作人员至少{settings.STAFF_PASSWORD_MIN_LENGTH}位，含大小写字母、数字、符号中的三种）。"
        )


def _plain(text: str) -> str:
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]", "", (text or "").lower())


def _pinyin(name: str) -> list[str]:
    """王小雨 → wangxiaoyu, xiaoyu, xiaoyuwang (and 小雨 for a two-character given name)."""
    syllables = [s.lower() for s in lazy_pinyin(name) if s.isascii()]
    if not syllables:
        return []
    given = "".join(syllables[1:])
    forms = ["".join(syllables), given, given + syllables[0]]
    return [form for form in forms if len(form) >= 4]


def _forbidden(user) -> list[tuple[str, str]]:
    """(text the password may not contain, what it is) for this person."""
    facts = audiences.personal_facts(user)
    found: list[tuple[str, str]] = []
    for name in facts.names:
        plain = _plain(name)
        if len(plain) >= 2 and not plain.isascii():
            found.append((plain, "姓名"))
        found += [(form, "姓名拼音") for form in _pinyin(name)]
    ids = list(facts.id_numbers)
    if _ID_NUMBER.match(user.get_username() or ""):
        ids.append(user.get_username())
    for number in ids:
        number = number.lower()
        found += [(number, "身份证号"), (number[-6:], "身份证号后六位")]
        found += [(number[6:14], "出生日期"), (number[8:14], "出生日期")]
    username = _plain(user.get_username())
    if len(username) >= 4:
        found.append((username, "登录名"))
    return found


class PersonalInfoValidator:
    """Not like the user name, the name in pinyin, the ID number or the birthday."""

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        plain = _plain(password)
        for text, what in _forbidden(user):
            if text and (text in plain or (len(plain) >= 4 and plain in text)):
                raise ValidationError(
                    f"密码不能包含您的{what}，别人容易猜到。请换一个与个人信息无关的密码。",
                    code="password_personal",
                )

    def get_help_text(self) -> str:
        return "不能包含登录名、姓名或姓名拼音、身份证号、出生日期。"


class PasswordHistoryValidator:
    """Staff may not choose one of their last STAFF_PASSWORD_HISTORY passwords again; every
    change is recorded here (Django calls `password_changed` after saving a new password)."""

    def validate(self, password: str, user=None) -> None:
        if not _is_staff(user) or user.pk is None:
            return
        from accounts.models import PasswordHistory

        last = settings.STAFF_PASSWORD_HISTORY
        hashes = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)
        if any(check_password(password, hashed) for hashed in hashes[:last]):
            raise ValidationError(
                f"不能使用最近{last}次用过的密码，请设置一个新的密码。",
                code="password_reused",
            )

    def password_changed(self, password: str, user=None) -> None:
        from accounts.models import PasswordHistory, PasswordStatus

        if user is None or user.pk is None:
            return
        PasswordStatus.objects.update_or_create(
            user=user, defaults={"changed_at": timezone.now(), "must_change": False}
        )
        if _is_staff(user):
            PasswordHistory.objects.create(user=user, password=user.password)
            keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)
            stale = list(keep[settings.STAFF_PASSWORD_HISTORY :])
            PasswordHistory.objects.filter(pk__in=stale).delete()

    def get_help_text(self) -> str:
        return f"工作人员不能使用最近{settings.STAFF_PASSWORD_HISTORY}次用过的密码。"


# --- The staff's password age ------------------------------------------------------------


def require_change(user) -> None:
    """A password someone else generated or reset: she sets her own at the next log-in."""
    from accounts.models import PasswordStatus

    PasswordStatus.objects.update_or_create(
        user=user, defaults={"changed_at": timezone.now(), "must_change": True}
    )


def change_due(user, now: dt.datetime | None = None) -> tuple[str | None, dt.datetime | None]:
    """Why a member of staff must change her password now (a Chinese sentence), or None and
    until when her password is good (None for anybody not staff)."""
    if not _is_staff(user):
        return None, None
    from accounts.models import PasswordStatus

    status = PasswordStatus.objects.filter(user=user).first()
    if status is None or status.must_change:
        return "您的密码是系统生成或由管理员重设的，请先设置一个只有您知道的新密码。", None
    days = settings.STAFF_PASSWORD_MAX_AGE_DAYS
    good_until = status.changed_at + dt.timedelta(days=days)
    if good_until < (now or timezone.now()):
        return f"您的密码已使用超过{days}天，按规定需要更换，请设置一个新密码。", None
    return None, good_until


# Admin pages a member of staff whose password is due may still open (add the second-factor
# step's pages here, so she can get to the password change page at all).
ALWAYS_OPEN = {
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
}


class StaffPasswordAgeMiddleware:
    """Sends a member of staff whose password is due (`change_due`) from every admin page to
    the admin's password change page, with the reason; her new password ends it."""

    GOOD_UNTIL = "accounts.password_good_until"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces or match.view_name in ALWAYS_OPEN:
            return None
        if not request.user.is_authenticated:
            return None
        # A password found good is not looked up again until it could expire (one query less
        # on every admin page). Someone else resetting it ends her sessions anyway.
        if request.session.get(self.GOOD_UNTIL, 0) > timezone.now().timestamp():
            return None
        reason, good_until = change_due(request.user)
        if reason is None:
            if good_until is not None:
                request.session[self.GOOD_UNTIL] = good_until.timestamp()
            return None
        messages.warning(request, reason)
        return redirect("admin:password_change")


def start_password_age(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A new account's password counts from its creation (post_save of the user model; Django's
    create_user() hashes the password without calling the validators' password_changed)."""
    from accounts.models import PasswordHistory, PasswordStatus

    if created and not raw:
        PasswordStatus.objects.get_or_create(user=instance, defaults={"changed_at": timezone.now()})
        if _is_staff(instance) and instance.has_usable_password():
            PasswordHistory.objects.get_or_create(user=instance, password=instance.password)
