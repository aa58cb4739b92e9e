from django.core.management.base import BaseCommand
from django.db import transaction

from recruitment.samples import load_sample_candidates


class Command(BaseCommand):
    help = (
        "Add sample candidates (示例数据) to the 2024 round in several states — draft, "
        "submitted, returned, approved, rejected, proposed — so every candidate and staff "
        "screen has something to show. Idempotent; prints their password when it creates them."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            load_sample_candidates(self.stdout)
