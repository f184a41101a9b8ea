"""Helpers for the destroy functions of the registered policies.

``clear_encrypted`` empties every encrypted column of the rows (a column added later is
emptied too, without anyone remembering to); the unencrypted columns are the statistics.
Files of deleted rows are written down in the destroying transaction (``FileTombstone``),
then overwritten and removed after the commit; an interrupted run finishes that first.
What an app keeps derived from encrypted content (the search index) goes in the same
transaction: it registers a function with ``register_derived``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from open_integriteit.encryption import storage
from open_integriteit.encryption.fields import EncryptedTextField

from .models import FileTombstone

_DERIVED: list[Callable[[QuerySet[Any]], Any]] = []


def register_derived(forget: Callable[[QuerySet[Any]], Any]) -> None:
    """``forget(rows)`` removes what was derived from the content of ``rows`` (any model; it
    ignores the ones it keeps nothing for). Called by ``clear_encrypted``, in its transaction."""
    if forget not in _DERIVED:
        _DERIVED.append(forget)


def clear_encrypted(rows: QuerySet[Any], *, keep: Iterable[str] = (), **also: Any) -> int:
    """Empty every encrypted column of ``rows`` except ``keep``; ``also`` sets other columns.
    What other apps derived from the rows' content goes too (``register_derived``)."""
    for forget in _DERIVED:
        forget(rows)
    kept = set(keep)
    values = {
        field.name: ""
        for field in rows.model._meta.concrete_fields
        if isinstance(field, EncryptedTextField) and field.name not in kept
    }
    values.update(also)
    return rows.update(**values) if values else 0


def tombstone(stored_names: Iterable[str]) -> None:
    """Call inside the transaction that deletes the rows; the files go after the commit."""
    names = list(stored_names)
    for name in names:
        FileTombstone.objects.get_or_create(stored_name=name)
    if names:
        transaction.on_commit(purge_tombstones)


def purge_tombstones() -> int:
    """Remove the files whose rows are gone. Returns how many tombstones were cleared."""
    removed = 0
    for stone in FileTombstone.objects.all().iterator():
        storage.delete(stone.stored_name)
        stone.delete()
        removed += 1
    return removed
