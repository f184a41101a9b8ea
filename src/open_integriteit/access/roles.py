"""Who a user is, for access decisions. The only module that reads a user's roles.

An administrator never receives content, even with a content role (ADR 0003): their
content roles simply do not count here, so every rule built on ``holds`` inherits that.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from open_integriteit.accounts.models import CONTENT_ROLES, PERSONAL_DATA_ROLES, Role, User


def is_staff(user: Any) -> bool:
    """Logged in, active, and a member of an organisation."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
    )


def in_organisation(user: Any, organisation_id: int | None) -> bool:
    return is_staff(user) and user.organisation_id == organisation_id


def roles_of(user: Any) -> frozenset[str]:
    """The roles that count for access: approved ones only (``User.role_set``; a content
    role given by an administrator waits for a second person), and an administrator's
    content roles (and the roles that see the people register's personal data) never."""
    if not is_staff(user):
        return frozenset()
    held: frozenset[str] = user.role_set
    if Role.ADMINISTRATOR in held:
        return held - CONTENT_ROLES - PERSONAL_DATA_ROLES
    return held


def holds(user: Any, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_content_staff(user: Any) -> bool:
    """May be given report and case content (need-to-know still applies per object)."""
    return holds(user, *CONTENT_ROLES)


def is_coordinator(user: Any) -> bool:
    """The reporting point (meldpunt)."""
    return holds(user, Role.COORDINATOR)


def is_administrator(user: Any) -> bool:
    return holds(user, Role.ADMINISTRATOR)


def is_register_clerk(user: Any) -> bool:
    """Keeps the people register (and later the declaration registers)."""
    return holds(user, Role.REGISTER_CLERK)


def is_auditor(user: Any) -> bool:
    return holds(user, Role.AUDITOR)


def members_with_roles(organisation_id: int, *roles: str) -> QuerySet[User]:
    """Active members of the organisation with one of these roles approved (a role waiting
    for approval does not count): never administrators, as in ``roles_of`` (ADR 0003)."""
    members = User.objects.filter(
        organisation_id=organisation_id,
        is_active=True,
        role_assignments__role__in=roles,
        role_assignments__approved_at__isnull=False,
    )
    return User.objects.filter(pk__in=members.values("pk")).exclude(pk__in=administrators().values("pk"))


def content_staff_of(organisation_id: int, *roles: str) -> QuerySet[User]:
    """Members for whom one of these content roles counts (all content roles when none are given)."""
    wanted = set(roles or CONTENT_ROLES)
    if not wanted <= CONTENT_ROLES:
        raise ValueError(f"not content roles: {sorted(wanted - CONTENT_ROLES)}")
    return members_with_roles(organisation_id, *wanted)


def administrators() -> QuerySet[User]:
    """Every user with an approved administrator role: they never receive personal data or
    content (ADR 0003), so a mailing list of people's names excludes them."""
    return User.objects.filter(role_assignments__role=Role.ADMINISTRATOR, role_assignments__approved_at__isnull=False)


def coordinators_of(organisation_id: int) -> QuerySet[User]:
    return content_staff_of(organisation_id, Role.COORDINATOR)
