"""Who a person is: staff, a candidate, a social worker, or none of these (an outsider).

`audience_of(user)` is the one test. Staff are decided by the access module
(`access.is_staff_account`); the domain apps
say who their people are by registering a test from their AppConfig.ready() (this app cannot
import them): recruitment registers "has a candidate account", careers "is linked to a social
worker record". Staff come first: a staff account is staff whatever else points at it, so it
never opens a public door. A person the domain tests both claim is the first registered one's.

The same apps may register where a person's name and ID number are found, for the password
rules (`personal_facts(user)`: "not your name in pinyin, your ID number or your birthday").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accounts.access import is_staff_account

STAFF = "staff"
CANDIDATE = "candidate"
WORKER = "worker"

LABELS = {STAFF: "工作人员", CANDIDATE: "考生", WORKER: "社工"}

_tests: dict[str, Callable] = {}
_facts: list[Callable] = []


def register(audience: str, test: Callable) -> None:
    """`test(user) -> bool`: the user belongs to `audience` (called from AppConfig.ready())."""
    if audience == STAFF or audience not in LABELS:
        raise ValueError(f"unknown or reserved audience {audience!r}")
    _tests[audience] = test


def audience_of(user) -> str | None:
    """STAFF, CANDIDATE, WORKER or None (anonymous, or a user no app claims)."""
    if user is None:
        return None
    if is_staff_account(user):
        return STAFF
    if user.pk is None:
        return None
    for audience, test in _tests.items():
        if test(user):
            return audience
    return None


@dataclass(frozen=True)
class PersonalFacts:
    """What a password must not resemble: names (in Chinese characters) and ID numbers."""

    names: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()


def register_personal_facts(source: Callable) -> None:
    """`source(user) -> PersonalFacts | None`: a domain app's record of the person."""
    if source not in _facts:
        _facts.append(source)


def personal_facts(user) -> PersonalFacts:
    """The user's names (account and every registered record) and ID numbers."""
    names = [n for n in (user.first_name, user.last_name, user.last_name + user.first_name) if n]
    ids: list[str] = []
    if user.pk is not None:
        for source in _facts:
            facts = source(user)
            if facts is not None:
                names += facts.names
                ids += facts.id_numbers
    return PersonalFacts(names=tuple(dict.fromkeys(names)), id_numbers=tuple(dict.fromkeys(ids)))
