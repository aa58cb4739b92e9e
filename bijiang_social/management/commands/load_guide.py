from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bijiang_social import seeding


class Command(BaseCommand):
    help = (
        "Load the Bijiang social-work guide into the database from every app's seed/*.yaml "
        "(overview figures, prose, network, rules, notices). Idempotent: rows that exist "
        "already are left as staff edited them."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                seeding.load_all(self.stdout)
        except seeding.SeedError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("指南数据已载入。"))
