"""The audit record (等保 2.0 安全审计, 网络安全法 Art. 21): security events, written once, chained.

- `record(kind, user=…, request=…, target=…, **detail)` appends a `SecurityEvent`. Inside one
  transaction it takes the chain's lock (an advisory lock on PostgreSQL; SQLite's write lock
  serialises writers, and the unique `sequence` refuses a second entry with the same number),
  reads the last entry and seals the new one: `hash` = HMAC-SM3 over its own fields and the
  previous entry's hash.
- `verify()` walks the chain from the oldest entry and names the first entry that was changed
  (its hash no longer matches), or after which entries are missing (a gap in the sequence, or a
  `previous_hash` that is not the previous entry's).
- `archive(before, out)` writes entries older than `before` (at least `RETENTION` old) as JSON
  lines with their hashes, then appends an `archived` checkpoint carrying the last archived
  hash and sequence, then removes the archived rows — the only delete the record allows (on
  PostgreSQL the trigger lets through only rows a checkpoint covers).

The signal handlers below write the events Django announces: log-ins and failed log-ins, role
and permission changes (the m2m of users' groups and permissions and of groups' permissions),
accounts disabled. Second-factor set-up and reset and personal data viewed or exported are
recorded where they happen (`accounts.second_factor`, `accounts.access`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts import access
from accounts.models import SecurityEvent
from bijiang_social.client_ip import client_ip
from bijiang_social.crypto import hmac_sm3

RETENTION = dt.timedelta(days=180)
"""网络安全法 Art. 21: network logs kept at least six months."""

GENESIS = "0" * 64
_LOCK_ID = 0x42_4A_41_55  # "BJAU": the PostgreSQL advisory lock of the chain
Kind = SecurityEvent.Kind


def _chain_key() -> bytes:
    """The chain's HMAC-SM3 key, derived from BLIND_INDEX_KEY with its own label (one secret
    fewer to manage; a different key from the blind indexes' all the same)."""
    return hmac_sm3(settings.BLIND_INDEX_KEY, b"bijiang-social audit chain v1")


def seal(event: SecurityEvent) -> str:
    """HMAC-SM3 (hex) over the entry's fields and `previous_hash`."""
    fields = [
        event.sequence,
        event.at.astimezone(dt.UTC).isoformat(),
        event.kind,
        event.user_id,
        event.address,
        event.target,
        event.detail,
        event.previous_hash,
    ]
    data = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac_sm3(_chain_key(), data.encode("utf-8")).hex()


def _request_address(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def _current_request() -> HttpRequest | None:
    """The request being served (simple-history's middleware keeps it), for signal handlers
    that Django calls without one: who changed a role, from which address."""
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)


def _actor(request: HttpRequest | None):
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def record(
    kind: str,
    *,
    user=None,
    request: HttpRequest | None = None,
    target: str = "",
    **detail,
) -> SecurityEvent:
    """Append one event; `user` defaults to the request's user. `detail` must hold no
    personal data (ids, counts, names of roles)."""
    if request is None:
        request = _current_request()
    if user is None:
        user = _actor(request)
    for attempt in range(3):
        try:
            return _append(kind, user, _request_address(request), target[:200], detail)
        except IntegrityError:  # another writer took the same sequence number (SQLite)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _append(kind, user, address, target, detail) -> SecurityEvent:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        last = SecurityEvent.objects.order_by("-sequence").only("sequence", "hash").first()
        event = SecurityEvent(
            sequence=last.sequence + 1 if last else 1,
            at=timezone.now(),
            kind=kind,
            user=user,
            address=address,
            target=target,
            detail=detail,
            previous_hash=last.hash if last else GENESIS,
        )
        event.hash = seal(event)
        event.save()
        return event


# --- Verifying and archiving -------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    sequence: int
    problem: str

    def __str__(self) -> str:
        return f"第 {self.sequence} 条：{self.problem}"


def verify(events: Iterable[SecurityEvent] | None = None) -> list[Finding]:
    """Every break in the chain, oldest first; [] when the record is whole."""
    if events is None:
        events = SecurityEvent.objects.order_by("sequence").iterator(chunk_size=2000)
    checkpoints = {
        event.detail.get("through"): event.detail.get("through_hash")
        for event in SecurityEvent.objects.filter(kind=Kind.ARCHIVED)
    }
    findings: list[Finding] = []
    previous: SecurityEvent | None = None
    for event in events:
        expected = previous.hash if previous else _start_of_chain(event, checkpoints)
        if previous is not None and event.sequence != previous.sequence + 1:
            gap = f"第 {previous.sequence + 1}–{event.sequence - 1} 条"
            findings.append(Finding(event.sequence, f"此前的{gap}不见了（被删除，不是归档）"))
        elif previous is None and expected is None:
            gap = f"第 1–{event.sequence - 1} 条"
            findings.append(Finding(event.sequence, f"此前的{gap}不见了，且没有归档检查点"))
        elif event.previous_hash != expected:
            findings.append(Finding(event.sequence, "上一条摘要对不上：此前的记录被替换或删除"))
        if seal(event) != event.hash:
            findings.append(Finding(event.sequence, "内容被改动（摘要与内容不符）"))
        previous = event
    return findings


def _start_of_chain(first: SecurityEvent, checkpoints: dict) -> str | None:
    """The hash the oldest entry must follow: the genesis, or the last archived entry's."""
    if first.sequence == 1:
        return GENESIS
    return checkpoints.get(first.sequence - 1)


def archive(before: dt.datetime, out: IO[str]) -> int:
    """Write the entries older than `before` to `out` (JSON lines, hashes included), then
    record a checkpoint and remove them. Refuses a `before` less than RETENTION ago, and a
    chain that does not verify (it would archive the damage)."""
    if before > timezone.now() - RETENTION:
        raise ValueError(
            "审计记录至少保存 180 天（网络安全法第二十一条）：--before 须早于 180 天前。"
        )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        findings = verify()
        if findings:
            problems = "；".join(map(str, findings))
            raise ValueError(f"审计记录校验未通过，先查明原因再归档：{problems}")
        old = list(SecurityEvent.objects.filter(at__lt=before).order_by("sequence"))
        if not old:
            return 0
        for event in old:
            out.write(json.dumps(_as_line(event), ensure_ascii=False, sort_keys=True) + "\n")
        out.flush()
        last = old[-1]
        record(
            Kind.ARCHIVED,
            target=f"第 {old[0].sequence}–{last.sequence} 条",
            through=last.sequence,
            through_hash=last.hash,
            count=len(old),
        )
        # The one delete the record allows: rows a checkpoint covers, after they were written.
        covered = SecurityEvent.objects.filter(sequence__lte=last.sequence)
        covered._raw_delete(covered.db)
        return len(old)


def _as_line(event: SecurityEvent) -> dict:
    return {
        "sequence": event.sequence,
        "at": event.at.astimezone(dt.UTC).isoformat(),
        "kind": event.kind,
        "user_id": event.user_id,
        "address": event.address,
        "target": event.target,
        "detail": event.detail,
        "previous_hash": event.previous_hash,
        "hash": event.hash,
    }


# --- Signal handlers (connected in AccountsConfig.ready) ---------------------------------------


def on_logged_in(sender, request, user, **kwargs) -> None:
    record(Kind.LOGIN, user=user, request=request, target=user.get_username(), path=_path(request))


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """A failed log-in, with the address; the account if the name is one (the typed name itself
    may be an ID number, so it is not kept)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    name = (credentials or {}).get(User.USERNAME_FIELD) or (credentials or {}).get("username")
    account = User.objects.filter(**{User.USERNAME_FIELD: name}).first() if name else None
    record(
        Kind.LOGIN_FAILED,
        user=account,
        request=request,
        target=account.get_username() if account else "（不存在的用户名）",
        path=_path(request),
    )


def _path(request: HttpRequest | None) -> str:
    return request.path[:200] if request is not None else ""


def on_roles_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """m2m_changed of user.groups, user.user_permissions and group.permissions."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return
    ids = sorted(pk_set or [])
    record(
        Kind.ROLES_CHANGED,
        target=f"{instance._meta.verbose_name} {instance}",
        relation=sender._meta.model_name,
        action=action.removeprefix("post_"),
        ids=ids,
        names=[str(obj) for obj in model._default_manager.filter(pk__in=ids)[:50]],
    )


def remember_previous_state(sender, instance, **kwargs) -> None:
    """pre_save of a user: what she could do before, to tell an account disabled, or made
    staff or superuser (a save of other fields only, such as the last log-in, is skipped)."""
    fields = kwargs.get("update_fields")
    if fields is not None and not set(fields) & set(access.ACCOUNT_STANDING_FIELDS):
        instance._audit_before = None
        return
    instance._audit_before = (
        sender._default_manager.filter(pk=instance.pk)
        .values(*access.ACCOUNT_STANDING_FIELDS)
        .first()
        if instance.pk is not None
        else None
    )


def on_user_saved(sender, instance, created, **kwargs) -> None:
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        return
    after = access.account_standing(instance)
    if before["is_active"] and not after["is_active"]:
        record(Kind.ACCOUNT_DISABLED, target=instance.get_username(), account=instance.pk)
    changed = {
        name: value
        for name, value in after.items()
        if name != "is_active" and before[name] != value
    }
    if changed:
        record(Kind.ROLES_CHANGED, target=instance.get_username(), account=instance.pk, **changed)
