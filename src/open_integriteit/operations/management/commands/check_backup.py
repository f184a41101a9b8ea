"""Check a restored backup with the configured keys (README "Backup and restore", ADR 0014).

Decrypts a sample of every encrypted column and of the encrypted files, checks that every
file a row points at is in the storage, verifies the audit trail and prints the number of
records per organisation. Reads only; exits non-zero, naming every problem, on any failure.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models

from open_integriteit.encryption import keyring, storage
from open_integriteit.encryption.fields import encrypted_fields
from open_integriteit.encryption.models import EncryptedFile
from open_integriteit.organisations.models import Organisation


class Command(BaseCommand):
    help = "Check a restored backup: decrypt samples of every encrypted column and file, verify the audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sample", type=int, default=100, help="values and files decrypted per column/model")

    def handle(self, *args: Any, **options: Any) -> None:
        sample = max(1, options["sample"])
        problems: list[str] = []
        problems += self._columns(sample)
        problems += self._files(sample)
        try:
            call_command("verify_audit", stdout=self.stdout)
        except CommandError as exc:
            problems.append(str(exc))
        self._counts()
        if problems:
            raise CommandError(
                "BACKUP CHECK FAILED (" + str(len(problems)) + " problems):\n  - " + "\n  - ".join(problems)
            )
        self.stdout.write(
            self.style.SUCCESS("Backup check passed: the keys decrypt the data and the audit trail holds.")
        )

    def _columns(self, sample: int) -> list[str]:
        problems = []
        for field in encrypted_fields():
            model = field.model
            label = f"{model._meta.label_lower}.{field.name}"
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(field.column)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''")  # noqa: S608
                values = [row[0] for row in cursor.fetchall()]
            chosen = random.sample(values, min(sample, len(values)))
            failed = 0
            reason = ""
            for value in chosen:
                try:
                    keyring.decrypt_text(value, aad=field.aad)
                except (keyring.DecryptionError, ValueError) as exc:
                    failed, reason = failed + 1, str(exc)
            self.stdout.write(f"{label}: {len(values)} values, {len(chosen) - failed} of {len(chosen)} sampled decrypt")
            if failed:
                problems.append(f"{label}: {failed} of {len(chosen)} sampled values do not decrypt ({reason})")
        return problems

    def _files(self, sample: int) -> list[str]:
        problems = []
        stored = set(storage.names())
        referenced: set[str] = set()
        for model in apps.get_models():
            if not issubclass(model, EncryptedFile):
                continue
            label = model._meta.label_lower
            names = list(model._default_manager.values_list("stored_name", flat=True))
            referenced.update(names)
            missing = [name for name in names if name not in stored]
            if missing:
                problems.append(f"{label}: {len(missing)} of {len(names)} files are missing from the storage")
            present = [name for name in names if name in stored]
            failed = 0
            reason = ""
            chosen = random.sample(present, min(sample, len(present)))
            for name in chosen:
                try:
                    storage.read_decrypted(name)
                except keyring.DecryptionError as exc:
                    failed, reason = failed + 1, str(exc)
            self.stdout.write(
                f"{label}: {len(names)} files, {len(missing)} missing, "
                f"{len(chosen) - failed} of {len(chosen)} sampled decrypt"
            )
            if failed:
                problems.append(f"{label}: {failed} of {len(chosen)} sampled files do not decrypt ({reason})")
        unreferenced = len(stored - referenced)
        if unreferenced:
            # Not a failure: files of destroyed rows waiting for their clean-up look the same.
            self.stdout.write(f"storage: {unreferenced} files without a row (left by an interrupted clean-up?)")
        return problems

    def _counts(self) -> None:
        """Records per organisation, for every model that belongs to one (read from the registry)."""
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for model in apps.get_models():
            field = next(
                (
                    f
                    for f in model._meta.get_fields()
                    if isinstance(f, models.ForeignKey) and f.related_model is Organisation and f.name == "organisation"
                ),
                None,
            )
            if field is None:
                continue
            rows = model._default_manager.values_list("organisation_id").annotate(n=models.Count("pk")).order_by()
            for organisation_id, number in rows:
                if organisation_id is not None:
                    counts[organisation_id][model._meta.label_lower] = number
        self.stdout.write("Records per organisation:")
        for organisation in Organisation.objects.order_by("slug"):
            line = ", ".join(f"{label}={n}" for label, n in sorted(counts[organisation.pk].items()))
            self.stdout.write(f"  {organisation.slug}: {line or 'nothing'}")
