"""The names of the parties of the organisation's cases, for the anonymity check (ADR 0011).
Decrypted in memory only."""

from __future__ import annotations

from collections.abc import Iterator

from open_integriteit.core.anonymity import PersonName

from .models import Party


def party_names(organisation_id: int) -> Iterator[PersonName]:
    for name in Party.objects.filter(case__organisation_id=organisation_id).values_list("name", flat=True):
        if name:
            yield PersonName(full=name)
