"""manage.py verify_audit: the HMAC-SM3 chain finds an entry changed or removed behind the
portal's back (raw SQL, as someone with the database file would)."""

import pytest
from django.core.management import CommandError, call_command

from accounts import audit
from accounts.models import SecurityEvent
from tests.accounts.conftest import tamper

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind


@pytest.fixture
def chain(clerk_huanbei):
    tamper("DELETE FROM accounts_securityevent")  # a fresh chain for the numbers
    return [audit.record(Kind.LOGIN, user=clerk_huanbei, target=f"第{n}次") for n in range(4)]


def _run(capsys):
    try:
        call_command("verify_audit")
    except CommandError as error:
        return False, capsys.readouterr().err + str(error)
    return True, capsys.readouterr().out


def test_it_passes_a_whole_record(chain, capsys):
    ok, output = _run(capsys)
    assert ok and "4 条" in output


def test_it_names_an_entry_changed_with_raw_sql(chain, capsys):
    tamper("UPDATE accounts_securityevent SET address = '10.0.0.9' WHERE sequence = 2")
    ok, output = _run(capsys)
    assert not ok and "第 2 条：内容被改动" in output


def test_it_names_where_an_entry_is_missing(chain, capsys):
    tamper("DELETE FROM accounts_securityevent WHERE sequence = 2")
    ok, output = _run(capsys)
    assert not ok and "第 3 条：此前的第 2–2 条不见了" in output


def test_it_finds_an_entry_resealed_without_the_key(chain, capsys):
    """Someone who changes a row and recomputes a plain SM3 hash still breaks the chain."""
    tamper("UPDATE accounts_securityevent SET hash = %s WHERE sequence = 3", ["a" * 64])
    ok, output = _run(capsys)
    assert not ok and "第 3 条" in output and "第 4 条：上一条摘要对不上" in output
