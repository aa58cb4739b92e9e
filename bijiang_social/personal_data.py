"""Checks and masks for personal data: resident ID numbers (GB 11643), mobile numbers, names."""

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_PATTERN = re.compile(r"^[0-9]{17}[0-9X]$")
_MOBILE_PATTERN = re.compile(r"^1[3-9][0-9]{9}$")


def normalise_resident_id(value: str) -> str:
    """Full-width digits and letters (typed with a Chinese keyboard) become plain ASCII."""
    return unicodedata.normalize("NFKC", value or "").strip().replace(" ", "").upper()


def resident_id_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def validate_resident_id(value: str) -> None:
    """Raise ValidationError with a Chinese message unless value is a valid 18-digit ID."""
    number = normalise_resident_id(value)
    if not _ID_PATTERN.match(number):
        raise ValidationError(
            "身份证号码应为18位：前17位是数字，最后一位是数字或字母X，请核对后重新填写。",
            code="id_format",
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            "身份证号码中的出生日期（第7至14位）不是有效日期，请核对。", code="id_birth"
        ) from None
    if birth > dt.date.today() or birth.year < 1900:
        raise ValidationError("身份证号码中的出生日期不合理，请核对。", code="id_birth")
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            "身份证号码校验位不正确，可能有一位输错了，请对照身份证逐位核对。", code="id_checksum"
        )


def normalise_mobile(value: str) -> str:
    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value or ""))


def validate_mobile(value: str) -> None:
    if not _MOBILE_PATTERN.match(normalise_mobile(value)):
        raise ValidationError(
            "手机号码应为以1开头的11位数字，例如 13800000000，请核对后重新填写。",
            code="mobile_format",
        )


def mask_id_number(value: str, keep_start: int = 6, keep_end: int = 4) -> str:
    """522201199001011234 -> 522201********1234 (defaults); keep_start=4, keep_end=2 for lists."""
    number = normalise_resident_id(value)
    if len(number) <= keep_start + keep_end:
        return "*" * len(number)
    hidden = len(number) - keep_start - keep_end
    return number[:keep_start] + "*" * hidden + (number[-keep_end:] if keep_end else "")


def mask_mobile(value: str) -> str:
    """13812345678 -> 138****5678."""
    number = normalise_mobile(value)
    if len(number) < 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_bank_account(value: str) -> str:
    """6228480012345678 -> ************5678 (only the last four digits)."""
    return "*" * max(len(value) - 4, 0) + value[-4:]


def mask_name(value: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***."""
    name = (value or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)
