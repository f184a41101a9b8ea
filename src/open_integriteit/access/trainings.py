"""Access to the trainings (issue 9): the coordinator and the register clerk record sessions
and mandatory trainings and see who has not followed them in the whole organisation; a
manager (``access.people.managed_units``) reads the compliance of the people of their own
units. Nobody else sees anything: the administrator, the auditor and another
organisation's staff get 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from open_integriteit.people.models import Person
from open_integriteit.trainings.models import Requirement, Session

from . import roles
from .people import managed_units


def can_record_trainings(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user) or roles.is_register_clerk(user)


def can_read_compliance(user: Any) -> bool:
    return can_record_trainings(user) or bool(managed_units(user))


def can_open_trainings(user: Any) -> bool:
    """The menu entry: whoever may open one of the trainings pages."""
    return can_read_compliance(user)


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    if not can_record_trainings(user):
        return Session.objects.none()
    return Session.objects.filter(organisation_id=user.organisation_id)


def requirements_visible_to(user: Any) -> QuerySet[Requirement]:
    if not can_read_compliance(user):
        return Requirement.objects.none()
    return Requirement.objects.filter(organisation_id=user.organisation_id)


def compliance_units(user: Any) -> set[int] | None:
    """The units whose people's compliance the user reads: None for the whole organisation."""
    if can_record_trainings(user):
        return None
    return managed_units(user)


def participants_to_choose(user: Any) -> QuerySet[Person]:
    """The people a session's participants are picked from: the whole register of the organisation."""
    if not can_record_trainings(user):
        return Person.objects.none()
    return Person.objects.filter(organisation_id=user.organisation_id)
