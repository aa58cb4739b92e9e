"""Re-encrypt every encrypted field under the current key and recompute every blind index."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from bijiang_social.crypto import field_keyring
from bijiang_social.encrypted_fields import BlindIndexField, EncryptedFieldMixin, reseal


class Command(BaseCommand):
    help = (
        "Re-encrypts every encrypted field (SM4-GCM) under the first key of "
        "FIELD_ENCRYPTION_KEYS and recomputes the blind indexes under BLIND_INDEX_KEY. "
        "Run it after putting a new key first; once it has run, the older keys can be "
        "dropped from the list. Idempotent: running it again only re-seals the same rows."
    )

    def handle(self, *args, **options) -> None:
        total = 0
        with transaction.atomic():
            for model in apps.get_models():
                fields = model._meta.concrete_fields
                if not any(isinstance(f, EncryptedFieldMixin | BlindIndexField) for f in fields):
                    continue
                count = reseal(model)
                total += count
                self.stdout.write(f"{model._meta.label}: {count} 行")
        self.stdout.write(
            self.style.SUCCESS(f"共 {total} 行已用当前密钥 {field_keyring().current_id} 重新加密。")
        )
