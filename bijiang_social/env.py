"""Small readers for settings from the environment that fail loudly on a bad value."""

import base64
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_key(name: str, *, length: int) -> bytes | None:
    """A base64 key of exactly `length` bytes, or None when the variable is unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    return _decode_key(name, raw, length)


def env_key_list(name: str, *, length: int) -> list[bytes]:
    """Comma-separated base64 keys of `length` bytes each (first = current); [] when unset."""
    return [_decode_key(name, raw, length) for raw in env_list(name, [])]


def _decode_key(name: str, raw: str, length: int) -> bytes:
    try:
        key = base64.b64decode(raw, validate=True)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} is not base64; generate a key with "
            "`python -c 'import base64,os; print(base64.b64encode(os.urandom(16)).decode())'`."
        ) from None
    if len(key) != length:
        raise ImproperlyConfigured(
            f"{name}: a key must be {length} bytes ({length * 8} bits) once decoded, "
            f"this one is {len(key)}."
        )
    return key
