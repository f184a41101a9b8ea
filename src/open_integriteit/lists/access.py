"""Who manages a per-organisation list. The one place this is decided, so it can move into
the project's access module unchanged: selectors, services and views all ask it."""

from __future__ import annotations

from typing import Any

from open_integriteit.accounts.models import Role

from .registry import ListKind


def can_manage_list(user: Any, *, kind: ListKind, organisation_id: int | None) -> bool:
    """An active member of the organisation holding one of the list's manager roles.

    The administrator manages a list only where the kind names that role; otherwise an
    administrator is refused even when they also hold a manager role (as everywhere else).
    """
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    if organisation_id is None or user.organisation_id != organisation_id:
        return False
    if user.is_administrator and Role.ADMINISTRATOR not in kind.managers:
        return False
    return bool(user.has_role(*kind.managers))
