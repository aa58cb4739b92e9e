import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bijiang_social.personal_data import mask_name
from services.applications.models import ApplicationDocument, ReviewPolicy, ServiceApplication

ANONYMISED_TEXT = "（已按保存期限匿名化）"


class Command(BaseCommand):
    help = (
        "Delete the uploaded documents of service applications closed (or not approved) longer "
        "ago than the retention period in 办理时限与材料规则, and anonymise those cases (name "
        "masked; ID number, mobile and the help text removed). The case, its category, street "
        "and timeline stay for statistics. Idempotent: run it daily."
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
        to_anonymise = cases.filter(anonymised_at__isnull=True)
        if dry_run:
            self.stdout.write(
                f"将删除 {count} 份材料、匿名化 {to_anonymise.count()} 件申请"
                f"（结案超过 {days} 天）。未做任何删除。"
            )
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
        anonymised = 0
        for case in to_anonymise.iterator():
            case.applicant_name = mask_name(case.applicant_name)
            case.id_number = ""
            case.mobile = ""
            case.help_needed = ANONYMISED_TEXT
            case.anonymised_at = now
            case.save(
                update_fields=[
                    "applicant_name",
                    "id_number",
                    "mobile",
                    "mobile_last4_index",  # recomputed from the emptied mobile: '' (no match)
                    "help_needed",
                    "anonymised_at",
                ]
            )
            anonymised += 1
        self.stdout.write(
            f"已删除 {removed} 份材料，匿名化 {anonymised} 件申请（结案超过 {days} 天）。"
        )
