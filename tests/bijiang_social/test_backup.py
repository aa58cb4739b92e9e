"""Back up, wipe, restore: run as separate processes, as an operator would run `make backup`
and `make restore` — against a scratch SQLite database always, and against a scratch
PostgreSQL database (pg_dump/pg_restore) when DATABASE_URL points at PostgreSQL, as in
`.ci/run`."""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import dj_database_url
import pytest

from bijiang_social.crypto import BACKUP_MAGIC

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4 a resident's income proof"
ID_NUMBER, MOBILE = "522201199001011234", "13800000000"

# A resident's case with an uploaded document, made the way the apply form makes it.
MAKE_CASE = f"""
from django.core.files.uploadedfile import SimpleUploadedFile
from services.applications.models import ServiceCategory
from services.applications.rules import submit_application
from accounts.models import Street
category = ServiceCategory.objects.active().first()
requirement = category.documents.first()
upload = SimpleUploadedFile("income.pdf", {PDF!r}, "application/pdf")
case = submit_application(
    category=category,
    details=dict(applicant_name="张示例", id_number={ID_NUMBER!r}, mobile={MOBILE!r},
                 street=Street.objects.first(), help_needed="需要低保核查帮助"),
    uploads=[(requirement, upload, "application/pdf")],
)
print(case.reference)
"""

# What a restore must bring back: the guide's figures, and each case with its documents' bytes.
DESCRIBE = """
import json
from bijiang_social.models import KeyFigure
from services.applications.models import ServiceApplication
cases = {
    case.reference: [d.file.read().decode("latin-1") for d in case.documents.all()]
    for case in ServiceApplication.objects.prefetch_related("documents")
}
people = [(case.id_number, case.mobile) for case in ServiceApplication.objects.all()]
print(json.dumps({"figures": KeyFigure.objects.count(), "cases": cases, "people": people}))
"""


class Scratch:
    """A scratch database and documents folder, and how to wipe the database."""

    def __init__(self, tmp: Path, url: str, wipe, drop=lambda: None):
        self.tmp, self.url, self.wipe, self.drop = tmp, url, wipe, drop

    def manage(self, *args: str, extra: dict[str, str] | None = None):
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.url,
            PRIVATE_MEDIA_ROOT=str(self.tmp / "documents"),
            PAGE_CACHE_STAMP_FILE=str(self.tmp / "stamp"),
            **(extra or {}),
        )
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )

    def manage_with(self, extra: dict[str, str]):
        return lambda *args: self.manage(*args, extra=extra)

    def run(self, *args: str) -> str:
        """The command's last line of output (the archive's path, the JSON, …)."""
        result = self.manage(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _sqlite(tmp: Path) -> Scratch:
    path = tmp / "portal.sqlite3"
    return Scratch(tmp, f"sqlite:///{path}", wipe=path.unlink)


def _postgresql(tmp: Path) -> Scratch:
    url = os.environ["DATABASE_URL"]
    import psycopg

    config = dj_database_url.parse(url)
    server = psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname=config["NAME"],
        autocommit=True,
    )
    name = f"bijiang_backup_{uuid.uuid4().hex[:8]}"

    def create():
        server.execute(f'CREATE DATABASE "{name}"')

    def wipe():
        server.execute(f'DROP DATABASE "{name}"')
        create()

    def drop():
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.close()

    create()
    base = url.rsplit("/", 1)[0]
    return Scratch(tmp, f"{base}/{name}", wipe=wipe, drop=drop)


# The PostgreSQL round trip exists when the suite runs on PostgreSQL (.ci/run's second run);
# on SQLite there is no server to dump from, and the suite does not pretend by skipping.
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.fixture(params=["sqlite", "postgresql"] if ON_POSTGRESQL else ["sqlite"])
def scratch(request, tmp_path):
    database = (_sqlite if request.param == "sqlite" else _postgresql)(tmp_path)
    yield database
    database.drop()


def test_a_backup_wiped_and_restored_brings_back_cases_with_their_documents(scratch):
    scratch.run("migrate", "--noinput")
    scratch.run("load_guide")
    reference = scratch.run("shell", "-c", MAKE_CASE)
    before = json.loads(scratch.run("shell", "-c", DESCRIBE))
    assert before["cases"] == {reference: [PDF.decode("latin-1")]} and before["figures"] > 0
    assert before["people"] == [[ID_NUMBER, MOBILE]]

    archive = Path(scratch.run("backup", "--directory", str(scratch.tmp / "backups")))
    assert archive.exists() and oct(archive.stat().st_mode)[-3:] == "600"
    _assert_sealed(archive)

    scratch.wipe()
    for document in (scratch.tmp / "documents").rglob("*"):
        if document.is_file():
            document.unlink()
    scratch.run("restore", str(archive))
    assert json.loads(scratch.run("shell", "-c", DESCRIBE)) == before


def test_restore_refuses_a_database_that_is_not_empty(scratch):
    scratch.run("migrate", "--noinput")
    archive = scratch.run("backup", "--directory", str(scratch.tmp / "b"))
    result = scratch.manage("restore", archive)
    assert result.returncode != 0
    assert "not empty" in result.stderr


def _assert_sealed(archive: Path) -> None:
    """Neither the archive nor anything it would decompress to shows the person or her file."""
    data = archive.read_bytes()
    assert data.startswith(BACKUP_MAGIC)
    for clear in [ID_NUMBER.encode(), MOBILE.encode(), PDF, "张示例".encode()]:
        assert clear not in data
    with pytest.raises(tarfile.ReadError):
        tarfile.open(archive, "r:*").close()


def test_restore_refuses_a_changed_archive_and_the_wrong_key(scratch):
    scratch.run("migrate", "--noinput")
    archive = Path(scratch.run("backup", "--directory", str(scratch.tmp / "b")))
    scratch.wipe()
    wrong_key = scratch.manage_with({"BACKUP_ENCRYPTION_KEY": "d3Jvbmcta2V5LTE2Ynl0ZQ=="})
    result = wrong_key("restore", str(archive))
    assert result.returncode != 0 and "BACKUP_ENCRYPTION_KEY 不对" in result.stderr
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 1
    archive.write_bytes(bytes(data))
    result = scratch.manage("restore", str(archive))
    assert result.returncode != 0 and "备份文件校验失败" in result.stderr
