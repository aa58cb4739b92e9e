"""Back up, wipe, restore: run as separate processes against a scratch SQLite database,
as an operator would run `make backup` and `make restore`."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp / 'portal.sqlite3'}",
        PRIVATE_MEDIA_ROOT=str(tmp / "documents"),
        PAGE_CACHE_STAMP_FILE=str(tmp / "stamp"),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def _count(tmp: Path, sql: str) -> int:
    with sqlite3.connect(tmp / "portal.sqlite3") as db:
        return db.execute(sql).fetchone()[0]


def test_a_backup_wiped_and_restored_brings_back_the_data_and_the_documents(tmp_path):
    assert _manage(tmp_path, "migrate", "--noinput").returncode == 0
    assert _manage(tmp_path, "load_guide").returncode == 0
    document = tmp_path / "documents" / "applications" / "income-proof.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.4 a resident's income proof")
    figures = _count(tmp_path, "SELECT count(*) FROM bijiang_social_keyfigure")

    result = _manage(tmp_path, "backup", "--directory", str(tmp_path / "backups"))
    assert result.returncode == 0, result.stderr
    archive = Path(result.stdout.strip())
    assert archive.exists() and oct(archive.stat().st_mode)[-3:] == "600"

    (tmp_path / "portal.sqlite3").unlink()
    document.unlink()
    assert _manage(tmp_path, "restore", str(archive)).returncode == 0
    assert _count(tmp_path, "SELECT count(*) FROM bijiang_social_keyfigure") == figures > 0
    assert document.read_bytes() == b"%PDF-1.4 a resident's income proof"


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    assert _manage(tmp_path, "migrate", "--noinput").returncode == 0
    archive = Path(_manage(tmp_path, "backup", "--directory", str(tmp_path / "b")).stdout.strip())
    result = _manage(tmp_path, "restore", str(archive))
    assert result.returncode != 0
    assert "not empty" in result.stderr
