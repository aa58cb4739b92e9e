"""Send again the SMS in the outbox that are pending or failed (at most 5 attempts each)."""

from django.core.management.base import BaseCommand

from services.notifications.sending import MAX_ATTEMPTS, retry_failed


class Command(BaseCommand):
    help = (
        f"Retry pending or failed resident SMS in the outbox (up to {MAX_ATTEMPTS} attempts "
        "each); safe to run from cron every few minutes."
    )

    def handle(self, *args, **options) -> None:
        sent, failed = retry_failed()
        self.stdout.write(f"sent {sent}, still failing {failed}")
