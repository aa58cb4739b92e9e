from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app owns the part of the guide it publishes; add an app's seed module here.
SEED_MODULES = [
    "bijiang_social.seed",
    "services.seed",
    "services.applications.seed",
    "recruitment.seed",
    "careers.seed",
    "bijiang_social.seed_notices",
]


class Command(BaseCommand):
    help = (
        "Load the Bijiang social-work guide into the database (overview figures, prose, "
        "network, rules). Idempotent: rows that exist already are left as staff edited them."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in SEED_MODULES:
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("指南数据已载入。"))
