import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from services.applications.models import ApplicationDocument, ReviewPolicy, ServiceApplication


class Command(BaseCommand):
    help = (
        "Delete the uploaded documents of service applications closed (or not approved) longer "
        "ago than the retention period in 办理时限与材料规则. The case and its timeline stay. "
        "Idempotent: run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="only report what would be deleted"
        )

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        days = ReviewPolicy.current().document_retention_days
        cases = ServiceApplication.objects.closed_before(now - dt.timedelta(days=days))
        documents = ApplicationDocument.objects.filter(
            application__in=cases, removed_at__isnull=True
        ).exclude(file="")
        count = documents.count()
        if dry_run:
            self.stdout.write(f"将删除 {count} 份材料（结案超过 {days} 天）。未做任何删除。")
            return
        removed = 0
        for document in documents.iterator():
            name = document.file.name
            with transaction.atomic():
                document.file = ""
                document.removed_at = now
                document.save(update_fields=["file", "removed_at"])
            document.file.storage.delete(name)
            removed += 1
        cases.filter(documents_removed_at__isnull=True).update(documents_removed_at=now)
        self.stdout.write(f"已删除 {removed} 份材料（结案超过 {days} 天）。")
