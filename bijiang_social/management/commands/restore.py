import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bijiang_social.crypto import DecryptionError, decrypt_stream
from bijiang_social.management.commands.backup import pg_environment


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` (decrypted with BACKUP_ENCRYPTION_KEY) into an "
        "EMPTY database (no tables) and the private documents folder. Refuses to overwrite a "
        "database that has tables, and an archive whose SM4-GCM tag does not match."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive: str, **options):
        if connection.introspection.table_names():
            raise CommandError(
                "The database is not empty. Restore only into an empty database "
                "(create a new one, or drop and recreate it first)."
            )
        with tempfile.TemporaryDirectory() as tmp:
            plain = Path(tmp) / "archive.tar.gz"
            with open(archive, "rb") as source, plain.open("wb") as target:
                try:
                    decrypt_stream(
                        settings.BACKUP_ENCRYPTION_KEY, source, target, Path(archive).stat().st_size
                    )
                except DecryptionError as error:
                    raise CommandError(str(error)) from None
            with tarfile.open(plain, "r:gz") as tar:
                tar.extractall(tmp, filter="data")
            manifest = json.loads((Path(tmp) / "manifest.json").read_text())
            if manifest["database"] != connection.vendor:
                raise CommandError(
                    f"This archive holds a {manifest['database']} database; "
                    f"DATABASE_URL points at {connection.vendor}."
                )
            dump = Path(tmp) / manifest["dump"]
            if connection.vendor == "sqlite":
                connection.close()
                shutil.copyfile(dump, settings.DATABASES["default"]["NAME"])
            else:
                subprocess.run(
                    [
                        "pg_restore",
                        "--no-owner",
                        "--exit-on-error",
                        "--dbname",
                        pg_environment()["PGDATABASE"],
                        str(dump),
                    ],
                    env=pg_environment(),
                    check=True,
                )
            documents = Path(tmp) / "documents"
            if documents.exists():
                shutil.copytree(documents, settings.PRIVATE_MEDIA_ROOT, dirs_exist_ok=True)
        self.stdout.write(self.style.SUCCESS(f"已从 {archive} 恢复数据库和材料文件。"))
