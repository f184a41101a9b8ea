"""Access to the register of rules and codes (issue 9): the coordinator and the register
clerk of the organisation keep it; everyone else gets 404 on its staff pages. The public
listing (``/openbaar/<slug>/regelgeving/``) shows the current versions marked public to
anyone, without logging in."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from open_integriteit.accounts.models import Role, User
from open_integriteit.regulations.models import Regulation

from . import roles


def can_manage_regulations(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user) or roles.is_register_clerk(user)


def regulations_visible_to(user: Any) -> QuerySet[Regulation]:
    if not roles.is_staff(user) or not can_manage_regulations(user):
        return Regulation.objects.none()
    return Regulation.objects.filter(organisation_id=user.organisation_id)


def is_public(regulation: Regulation) -> bool:
    """On the public pages: marked public and not replaced by a newer version."""
    return regulation.public and not Regulation.objects.filter(replaces=regulation).exists()


def public_regulations(organisation_id: int) -> QuerySet[Regulation]:
    return Regulation.objects.filter(organisation_id=organisation_id, public=True, replaced_by__isnull=True)


def review_recipients(organisation_id: int) -> QuerySet[User]:
    """Who hears that a rule is due for review: the organisation's coordinators and
    register clerks (never an administrator)."""
    return roles.members_with_roles(organisation_id, Role.COORDINATOR, Role.REGISTER_CLERK).order_by("pk")
