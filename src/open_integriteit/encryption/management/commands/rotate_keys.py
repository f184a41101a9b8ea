"""Re-encrypt every encrypted value and file under the active key. Resumable.

Rotation:
1. add a new key to OI_ENCRYPTION_KEYS and make it OI_ACTIVE_KEY_ID (``--generate`` does
   this in the local key file that `make run` made);
2. run ``manage.py rotate_keys`` — it works in small committed batches and only touches
   what is not yet under the active key, so an interrupted run simply continues;
3. when it reports nothing left, remove the old key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from open_integriteit.audit.services import audit_log
from open_integriteit.encryption import keyring, storage
from open_integriteit.encryption.fields import encrypted_fields
from open_integriteit.encryption.models import EncryptedFile

BATCH = 200


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields and files under the active key (resumable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--generate",
            action="store_true",
            help="Generate a new key, add it to the local key file (OI_ENV_FILE) and make it active first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            self._generate_key()
        active = keyring.active_key_id()
        prefix = f"{keyring.TOKEN_PREFIX}:{active}:"
        total_values = 0
        for field in encrypted_fields():
            model = field.model
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(field.column)
            pk_column = connection.ops.quote_name(model._meta.pk.column)
            while True:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT {pk_column} FROM {table} WHERE {column} IS NOT NULL "  # noqa: S608
                        f"AND substr({column}, 1, %s) <> %s LIMIT %s",
                        [len(prefix), prefix, BATCH],
                    )
                    pks = [row[0] for row in cursor.fetchall()]
                if not pks:
                    break
                with transaction.atomic():
                    for pk, value in model._default_manager.filter(pk__in=pks).values_list("pk", field.name):
                        model._default_manager.filter(pk=pk).update(**{field.name: value})
                total_values += len(pks)
        total_files = 0
        for model in apps.get_models():
            if not issubclass(model, EncryptedFile):
                continue
            while True:
                rows = list(model._default_manager.exclude(key_id=active).values_list("pk", "stored_name")[:BATCH])
                if not rows:
                    break
                for pk, name in rows:
                    key_id = storage.reencrypt(name)
                    model._default_manager.filter(pk=pk).update(key_id=key_id)
                    total_files += 1
        with transaction.atomic():
            audit_log(
                action="encryption.keys_rotated",
                channel="system",
                details={"key_id": active, "values": total_values, "files": total_files},
            )
        self.stdout.write(
            self.style.SUCCESS(f"Re-encrypted {total_values} values and {total_files} files under key {active}.")
        )

    def _generate_key(self) -> None:
        env_file = Path(settings.OI_ENV_FILE) if getattr(settings, "OI_ENV_FILE", "") else None
        if env_file is None or not env_file.exists():
            raise CommandError(
                "--generate needs the local key file (OI_ENV_FILE); set the keys in your environment instead."
            )
        lines = env_file.read_text(encoding="utf-8").splitlines()
        existing = keyring.keys()
        number = len(existing) + 1
        while f"k{number}" in existing:
            number += 1
        key_id = f"k{number}"
        new_entry = f"{key_id}:{keyring.new_key_b64()}"
        out = []
        for line in lines:
            if line.startswith("OI_ENCRYPTION_KEYS="):
                line = f"{line},{new_entry}"
            elif line.startswith("OI_ACTIVE_KEY_ID="):
                line = f"OI_ACTIVE_KEY_ID={key_id}"
            out.append(line)
        env_file.write_text("\n".join(out) + "\n", encoding="utf-8")
        settings.OI_ENCRYPTION_KEYS = f"{settings.OI_ENCRYPTION_KEYS},{new_entry}"
        settings.OI_ACTIVE_KEY_ID = key_id
        self.stdout.write(f"New key {key_id} added to {env_file} and made active.")
