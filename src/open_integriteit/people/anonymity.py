"""The names in the people register, for the anonymity check (ADR 0011, ADR 0018)."""

from __future__ import annotations

from collections.abc import Iterator

from open_integriteit.core.anonymity import PersonName

from .models import Person


def person_names(organisation_id: int) -> Iterator[PersonName]:
    people = Person.objects.filter(organisation_id=organisation_id).order_by()
    for given, surname in people.values_list("given_name", "surname").iterator(chunk_size=2000):
        yield PersonName(given=given or "", surname=surname or "")
