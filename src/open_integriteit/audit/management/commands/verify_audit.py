from typing import Any

from django.core.management.base import BaseCommand, CommandError

from open_integriteit.audit.models import ChainHead
from open_integriteit.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Check the hash chain of the audit trail and name the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_chain_verify()
        if not result.ok:
            raise CommandError(
                f"Audit trail BROKEN at event #{result.broken_sequence} (id {result.broken_id}): "
                f"{result.reason}. {result.checked} events before it are intact."
            )
        head = ChainHead.objects.filter(pk=1).first()
        if head is not None and head.last_sequence != result.checked:
            raise CommandError(
                f"Audit trail BROKEN: the chain head names event #{head.last_sequence} "
                f"but only {result.checked} events are present (events removed at the end)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {result.checked} events verified."))
