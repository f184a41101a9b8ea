"""Access to the annual programme (issue 9): the coordinator of the organisation keeps it;
everyone else gets 404 (the register clerk, managers, the auditor, the administrator,
another organisation)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from open_integriteit.people.models import Person
from open_integriteit.programme.models import FINISHED, Action

from . import roles


def can_manage_programme(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user)


def actions_visible_to(user: Any) -> QuerySet[Action]:
    if not can_manage_programme(user):
        return Action.objects.none()
    return Action.objects.filter(organisation_id=user.organisation_id)


def carried_to(action: Action) -> Action | None:
    """The copy of this action in the next year, if it was carried (no query when the
    action was read with ``select_related("carried_to")``)."""
    try:
        return action.carried_to  # type: ignore[no-any-return]
    except Action.DoesNotExist:
        return None


def can_carry(user: Any, action: Action) -> bool:
    """An action not finished (done or cancelled) and not carried yet goes to the next year."""
    return (
        can_manage_programme(user, action.organisation_id)
        and action.status not in FINISHED
        and carried_to(action) is None
    )


def owners_for(user: Any) -> QuerySet[Person]:
    """Whom an action can be given to: the people of the organisation's register."""
    if not can_manage_programme(user):
        return Person.objects.none()
    return Person.objects.filter(organisation_id=user.organisation_id, left_on__isnull=True)
