"""manage.py archive_audit: entries older than 180 days go to a file with their hashes, a
checkpoint stays, and verify_audit still passes."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts import audit
from accounts.models import SecurityEvent
from tests.accounts.conftest import tamper

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind


@pytest.fixture
def old_and_new(clerk_huanbei, monkeypatch):
    tamper("DELETE FROM accounts_securityevent")
    long_ago = timezone.now() - dt.timedelta(days=400)
    monkeypatch.setattr(audit.timezone, "now", lambda: long_ago)
    old = [audit.record(Kind.LOGIN, user=clerk_huanbei, target="旧") for _ in range(3)]
    monkeypatch.undo()
    new = [audit.record(Kind.LOGIN, user=clerk_huanbei, target="新") for _ in range(2)]
    return old, new


def test_it_writes_old_entries_with_their_hashes_then_removes_them(old_and_new, tmp_path):
    old, new = old_and_new
    out = tmp_path / "audit-2025.jsonl"
    before = (timezone.now() - dt.timedelta(days=200)).date().isoformat()
    call_command("archive_audit", "--before", before, "--out", str(out))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["hash"] for line in lines] == [event.hash for event in old]
    assert not SecurityEvent.objects.filter(target="旧").exists()
    [checkpoint] = SecurityEvent.objects.filter(kind=Kind.ARCHIVED)
    assert checkpoint.detail["through_hash"] == old[-1].hash
    assert audit.verify() == []
    call_command("verify_audit")


def test_it_refuses_to_archive_entries_younger_than_180_days(old_and_new, tmp_path):
    before = (timezone.now() - dt.timedelta(days=30)).date().isoformat()
    with pytest.raises(CommandError, match="至少保存 180 天"):
        call_command("archive_audit", "--before", before, "--out", str(tmp_path / "a.jsonl"))
    assert SecurityEvent.objects.filter(target="旧").count() == 3


def test_it_refuses_to_archive_a_broken_chain(old_and_new, tmp_path):
    tamper("UPDATE accounts_securityevent SET target = '改' WHERE sequence = 1")
    before = (timezone.now() - dt.timedelta(days=200)).date().isoformat()
    with pytest.raises(CommandError, match="校验未通过"):
        call_command("archive_audit", "--before", before, "--out", str(tmp_path / "a.jsonl"))
    assert not (tmp_path / "a.jsonl").exists()
