from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from open_integriteit.audit import chain
from open_integriteit.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Check the keyed hash chain of the audit trail and its signed head; name the first broken link. "
        "Published head lines (from the log or the auditors' daily mail) show events removed since."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--published",
            action="append",
            default=[],
            metavar="LINE",
            help='a published head line, "OI-AUDIT-HEAD v1 sequence=… hash=… at=… key=… mac=…" (repeatable)',
        )
        parser.add_argument(
            "--published-file",
            action="append",
            default=[],
            metavar="PATH",
            help="a file (a log, saved mails) whose OI-AUDIT-HEAD lines are all checked (repeatable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lines = list(options["published"])
        for path in options["published_file"]:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            lines += [line for line in text.splitlines() if chain.PUBLISHED_PREFIX in line]
        result = audit_chain_verify(published=lines)
        if not result.ok:
            if result.broken_sequence is not None:
                raise CommandError(
                    f"Audit trail BROKEN at event #{result.broken_sequence} (id {result.broken_id}): "
                    f"{result.reason}. {result.checked} events before it are intact."
                )
            raise CommandError(f"Audit trail BROKEN: {result.reason}.")
        message = f"Audit trail intact: {result.checked} events verified; head #{result.head_sequence}."
        if result.published_checked:
            message += f" {len(result.published_checked)} published heads found in the chain."
        self.stdout.write(self.style.SUCCESS(message))
