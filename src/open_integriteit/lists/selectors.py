"""Reads of per-organisation lists.

Entries are configuration, not content: any staff form of the organisation may offer
them. Only the management page is restricted (``entries_for_manager``: 404 for anyone who
may not manage the list).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404

from open_integriteit.access.lists import can_manage_list

from . import registry
from .models import ListEntry

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

    from .registry import ListGroup, ListKind


def entries(*, organisation: Organisation | int, kind: str) -> QuerySet[ListEntry]:
    """Every entry of one list of the organisation, in use or not."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return ListEntry.objects.filter(organisation_id=organisation_id, kind=kind).order_by("group", "position", "pk")


def entries_by_code(*, organisation: Organisation | int, kind: str) -> dict[str, ListEntry]:
    return {entry.code: entry for entry in entries(organisation=organisation, kind=kind)}


def entries_for_choice(
    *, organisation: Organisation | int, kind: str, include: Iterable[Any] = ()
) -> QuerySet[ListEntry]:
    """The entries to choose from when recording something: those in use, plus the given
    entry ids (so a record keeps the entry it has even after it was switched off)."""
    keep = [pk for pk in include if pk is not None]
    return entries(organisation=organisation, kind=kind).filter(Q(active=True) | Q(pk__in=keep))


def entries_for_filter(*, organisation: Organisation | int, kind: str, used: QuerySet[Any]) -> QuerySet[ListEntry]:
    """The entries to filter a list of records by: those in use, plus any that ``used`` (a
    values queryset of entry ids) still refers to. A typology that is not used stays out, so
    no name appears twice."""
    return entries(organisation=organisation, kind=kind).filter(Q(active=True) | Q(pk__in=used))


@dataclass(frozen=True)
class GroupOfEntries:
    group: ListGroup
    entries: list[ListEntry]

    @property
    def all_active(self) -> bool:
        return bool(self.entries) and all(entry.active for entry in self.entries)


def grouped(kind: ListKind, items: Iterable[ListEntry]) -> list[GroupOfEntries]:
    """Entries per group, in the kind's group order (every group, empty ones included)."""
    items = list(items)
    return [GroupOfEntries(group, [e for e in items if e.group == group.code]) for group in kind.groups]


def require_manager(*, user: Any, kind: str) -> ListKind:
    """The list kind if the user may manage that list of their own organisation, else 404."""
    list_kind = registry.get(kind)
    if not can_manage_list(user, kind=list_kind, organisation_id=getattr(user, "organisation_id", None)):
        raise Http404
    return list_kind


def entries_for_manager(*, user: Any, kind: str) -> QuerySet[ListEntry]:
    require_manager(user=user, kind=kind)
    return entries(organisation=user.organisation_id, kind=kind)


def entry_get_for_manager(*, user: Any, kind: str, pk: Any) -> ListEntry:
    entry = entries_for_manager(user=user, kind=kind).filter(pk=pk).first() if str(pk).isdigit() else None
    if entry is None:
        raise Http404
    return entry
