"""Access to the configuration of an organisation: users, roles and branding are for its
administrators, who never see content (``roles.roles_of``)."""

from __future__ import annotations

from typing import Any

from . import roles


def can_manage_users(user: Any) -> bool:
    return roles.is_administrator(user)


def can_change_roles(user: Any, person: Any) -> bool:
    """Grant or revoke roles of a colleague: never one's own (another administrator must)."""
    return can_manage_users(user) and person.organisation_id == user.organisation_id and person.pk != user.pk


def can_manage_organisation(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_administrator(user)
