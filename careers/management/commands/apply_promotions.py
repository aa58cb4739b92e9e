from django.core.management.base import BaseCommand
from django.utils import timezone

from careers.promotions import apply_due_promotions


class Command(BaseCommand):
    help = (
        "Give approved promotions their new role once the month after approval has begun. "
        "Idempotent; run daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        done = apply_due_promotions(timezone.localdate())
        for application in done:
            self.stdout.write(
                f"{application.worker.name}：岗位已变更为{application.get_to_role_display()}"
            )
        self.stdout.write(f"本次变更岗位 {len(done)} 人。")
