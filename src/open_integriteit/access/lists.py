"""Who manages a per-organisation list (categories, topics; ADR 0010)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from open_integriteit.accounts.models import Role

from . import roles

if TYPE_CHECKING:
    from open_integriteit.lists.registry import ListKind


def can_manage_list(user: Any, *, kind: ListKind, organisation_id: int | None) -> bool:
    """An active member of the organisation holding one of the list's manager roles.

    The administrator manages a list only where the kind names that role; an administrator's
    content roles never count (``roles``)."""
    if organisation_id is None or not roles.in_organisation(user, organisation_id):
        return False
    if roles.is_administrator(user):
        return Role.ADMINISTRATOR in kind.managers
    return roles.holds(user, *kind.managers)
