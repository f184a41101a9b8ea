"""Index every report and case again, under the active key (ADR 0016).

Run it:
- once after installing this version, to index what was there before search existed;
- after ``rotate_keys``, before the old key is removed from OI_ENCRYPTION_KEYS (tokens
  made with a key that is no longer in the ring are never found again).

Each report and case is indexed in its own transaction: an interrupted run can simply be
started again. It ends with a ``search.index_rebuilt`` audit event (counts only).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from open_integriteit.audit.services import audit_log
from open_integriteit.search import keys, services
from open_integriteit.search.models import SearchToken


class Command(BaseCommand):
    help = "Rebuild the search index of all reports and cases under the active key (resumable)."

    def handle(self, *args: Any, **options: Any) -> None:
        reports, cases = services.rebuild()
        active = keys.active_key_id()
        stale = SearchToken.objects.exclude(key_id=active).count()
        with transaction.atomic():
            audit_log(
                action="search.index_rebuilt",
                channel="system",
                details={"key_id": active, "reports": reports, "cases": cases},
            )
        self.stdout.write(
            f"Indexed {reports} reports and {cases} cases under key {active}; {stale} tokens left under other keys."
        )
