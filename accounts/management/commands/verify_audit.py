from django.core.management.base import BaseCommand, CommandError

from accounts import audit
from accounts.models import SecurityEvent


class Command(BaseCommand):
    help = (
        "Checks the audit record's HMAC-SM3 chain (accounts.SecurityEvent): names every entry "
        "that was changed, and where entries are missing. Exits non-zero on any finding."
    )

    def handle(self, *args, **options) -> None:
        findings = audit.verify()
        if findings:
            for finding in findings:
                self.stderr.write(f"审计记录{finding}")
            raise CommandError(
                f"审计记录校验未通过：{len(findings)} 处问题（见上）。"
                "从加密备份中取回原记录比对，并报告安全管理员。"
            )
        count = SecurityEvent.objects.count()
        self.stdout.write(f"审计记录完整：{count} 条，摘要链无断点。")
