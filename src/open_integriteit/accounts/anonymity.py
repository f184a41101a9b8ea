"""The names of the organisation's user accounts, for the anonymity check (ADR 0011)."""

from __future__ import annotations

from collections.abc import Iterator

from open_integriteit.core.anonymity import PersonName

from .models import User


def user_names(organisation_id: int) -> Iterator[PersonName]:
    for given, surname in User.objects.filter(organisation_id=organisation_id).values_list("first_name", "last_name"):
        yield PersonName(given=given, surname=surname)
