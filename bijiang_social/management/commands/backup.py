import datetime as dt
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bijiang_social.crypto import encrypt_stream


def pg_environment() -> dict[str, str]:
    """libpq variables for pg_dump/pg_restore from Django's database settings."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or "localhost"),
        PGPORT=str(db.get("PORT") or 5432),
        PGUSER=str(db.get("USER") or ""),
        PGPASSWORD=str(db.get("PASSWORD") or ""),
        PGDATABASE=str(db["NAME"]),
    )
    return env


class Command(BaseCommand):
    help = (
        "Write a timestamped archive of the database (pg_dump for PostgreSQL, a consistent "
        "copy for SQLite) and the private documents into --directory (default backups/), "
        "encrypted with SM4-GCM under BACKUP_ENCRYPTION_KEY (bijiang-….tar.gz.sm4)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(settings.BASE_DIR / "backups"))

    def handle(self, *args, directory: str, **options):
        target_dir = Path(directory)
        target_dir.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        archive = target_dir / f"bijiang-{stamp}.tar.gz.sm4"
        vendor = connection.vendor
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / ("database.sqlite3" if vendor == "sqlite" else "database.dump")
            if vendor == "sqlite":
                # SQLite's online backup API copies a consistent snapshot while others write.
                source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
                with sqlite3.connect(dump) as copy:
                    source.backup(copy)
                source.close()
            elif vendor == "postgresql":
                subprocess.run(
                    ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}"],
                    env=pg_environment(),
                    check=True,
                )
            else:
                raise CommandError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
            manifest = Path(tmp) / "manifest.json"
            manifest.write_text(
                json.dumps({"created": stamp, "database": vendor, "dump": dump.name})
            )
            plain = Path(tmp) / "archive.tar.gz"
            with tarfile.open(plain, "w:gz") as tar:
                tar.add(manifest, arcname="manifest.json")
                tar.add(dump, arcname=dump.name)
                documents = Path(settings.PRIVATE_MEDIA_ROOT)
                if documents.exists():
                    tar.add(documents, arcname="documents")
            # Readable by the owner only from the first byte; never in clear outside tmp.
            descriptor = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with plain.open("rb") as source, os.fdopen(descriptor, "wb") as target:
                encrypt_stream(settings.BACKUP_ENCRYPTION_KEY, source, target)
        self.stdout.write(str(archive))
