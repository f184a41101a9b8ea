"""Access to the configuration of an organisation: users, roles and branding are for its
administrators, who never see content (``roles.roles_of``)."""

from __future__ import annotations

from typing import Any

from open_integriteit.accounts.models import CONTENT_ROLES, PERSONAL_DATA_ROLES, Role

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


def can_manage_user(user: Any, person: Any) -> bool:
    """Deactivate, reactivate, reset the second factor or send a password link: an
    administrator of the same organisation, for a colleague (never for themselves)."""
    return can_manage_users(user) and person.organisation_id == user.organisation_id and person.pk != user.pk


# Roles that count only after a second person approves them, when an administrator gives
# them: the content roles (readers of reports), and the administrator role itself, or one
# administrator could make a second administrator account and approve with it.
FOUR_EYES_ROLES = CONTENT_ROLES | PERSONAL_DATA_ROLES | {Role.ADMINISTRATOR}


def needs_approval(role: str, granted_by: Any) -> bool:
    """A content role, the register clerk (personal data) or the administrator role given by
    an administrator counts only after a second person approves it (four eyes): an
    administrator alone must not make a reader of reports or of the people register.
    Roles given by the system (set-up, demo data) and the other roles count at once."""
    return granted_by is not None and role in FOUR_EYES_ROLES


def can_approve_roles(user: Any) -> bool:
    """Sees the content roles waiting for approval in the organisation: its coordinators
    and administrators."""
    return roles.is_coordinator(user) or roles.is_administrator(user)


def can_approve_role(user: Any, assignment: Any) -> bool:
    """Approve or refuse a waiting role: a coordinator or administrator of the organisation
    who neither gave the role nor receives it."""
    person = assignment.user
    return (
        can_approve_roles(user)
        and person.organisation_id == user.organisation_id
        and user.pk not in (assignment.granted_by_id, person.pk)
    )


def can_configure_oidc(user: Any, organisation_id: int | None = None) -> bool:
    """Set up log-in with the organisation's identity provider (ADR 0019): its administrators.
    Who logs in that way, and whether they still need an authenticator app, follows from the
    people register and their roles, not from this page."""
    return can_manage_organisation(user, organisation_id)
