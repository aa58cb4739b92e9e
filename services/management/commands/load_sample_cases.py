from django.core.management.base import BaseCommand

from services.ratings import samples


class Command(BaseCommand):
    help = (
        "Make sample cases (示例数据, is_sample=True) with follow-ups, ratings and "
        "rectifications over the last 12 months and every street, for demos (`make run`). "
        "Idempotent: does nothing when sample cases exist. The statistics ignore them once a "
        "real case exists, or always with OPEN_DATA_SAMPLES=0. Never run it in production."
    )

    def handle(self, *args, **options):
        samples.load(self.stdout)
