"""Move the encrypted files from one storage backend to the other (ADR 0013). Resumable.

Moving from one server's disk to the shared database:

1. stop every application server and worker;
2. ``manage.py files_move --to database`` (with the installation's environment);
3. set ``OI_FILE_STORAGE=database`` and start again.

The ciphertext is copied unchanged (it is bound to its name, not to its backend), checked
by decrypting it from the target, and only then removed from the source.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from open_integriteit.encryption import keyring, storage


class Command(BaseCommand):
    help = "Move every encrypted file to another storage backend (filesystem or database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", required=True, choices=storage.BACKENDS, help="the backend to move the files to")

    def handle(self, *args: Any, **options: Any) -> None:
        target = options["to"]
        source = next(kind for kind in storage.BACKENDS if kind != target)
        moved = 0
        for name in list(storage.backend(source).names()):
            storage.copy_raw(name, source=source, target=target)
            blob = storage.backend(target).read(name)
            try:
                keyring.decrypt_bytes(blob, aad=f"file:{name}")
            except keyring.DecryptionError as exc:
                raise CommandError(f"{name} does not decrypt after copying ({exc}); the source is kept.") from exc
            storage.backend(source).delete(name)
            moved += 1
        self.stdout.write(self.style.SUCCESS(f"Moved {moved} files from {source} to {target}."))
        if target != settings.OI_FILE_STORAGE:
            self.stdout.write(f"Now set OI_FILE_STORAGE={target} and restart every server and worker.")
