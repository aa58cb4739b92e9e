import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import audit


class Command(BaseCommand):
    help = (
        "Archives security events older than --before (at least 180 days ago, 网络安全法 "
        "Art. 21): writes them as JSON lines with their hashes to --out, records a checkpoint "
        "carrying the last archived hash, then removes them. verify_audit still passes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--before", required=True, help="日期，例如 2026-01-01")
        parser.add_argument("--out", required=True, help="归档文件（JSON lines），不能已存在")

    def handle(self, *args, before: str, out: str, **options) -> None:
        try:
            day = dt.date.fromisoformat(before)
        except ValueError:
            raise CommandError("--before 须是日期，例如 2026-01-01。") from None
        cutoff = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        path = Path(out)
        if path.exists():
            raise CommandError(f"{path} 已存在：归档不覆盖旧文件，请换一个文件名。")
        try:
            with path.open("x", encoding="utf-8") as file:
                count = audit.archive(cutoff, file)
        except ValueError as error:
            path.unlink(missing_ok=True)
            raise CommandError(str(error)) from None
        if count == 0:
            path.unlink(missing_ok=True)
            self.stdout.write(f"{before} 之前没有要归档的审计记录。")
            return
        path.chmod(0o600)
        self.stdout.write(f"已归档 {count} 条审计记录到 {path}，并记下了检查点。")
