"""Access to the oath and affirmation, integrity statements and certificates of conduct
(onboarding, issue 9).

The register clerk and the coordinator record and see everything of their organisation;
a manager (through their person in the register, ``access.people.managed_units``) sees the
people of their units on the overdue list, read only. The administrator, the auditor, other
roles and other organisations see nothing (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from open_integriteit.accounts.models import User
from open_integriteit.people.models import Person, PersonKind

from . import people, roles
from .declarations import deciders_of
from .managers import ManagerTree


def can_record(user: Any, organisation_id: int | None = None) -> bool:
    """Ceremonies, statements, certificates, the settings and a person's onboarding page."""
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_register_clerk(user) or roles.is_coordinator(user)


def can_view_overdue(user: Any) -> bool:
    return can_record(user) or bool(people.managed_units(user))


def overdue_units_for(user: Any) -> set[int] | None:
    """The units whose people this user sees on the overdue list; None for all of them."""
    if can_record(user):
        return None
    return people.managed_units(user)


def people_to_record(user: Any) -> QuerySet[Person]:
    """The people a recorder may pick (participants, statements, certificates)."""
    if not can_record(user):
        return Person.objects.none()
    return Person.objects.filter(organisation_id=user.organisation_id)


def can_view_person(user: Any, person: Person) -> bool:
    return can_record(user, person.organisation_id)


def managers_to_remind(person: Person, *, tree: ManagerTree | None = None) -> QuerySet[User]:
    """The manager(s) of an overdue person: the managers of the nearest managed unit at or
    above their current post (the same people who decide on their declarations)."""
    if person.kind == PersonKind.OFFICIAL:
        return User.objects.none()
    return deciders_of(person, tree=tree)
