"""Access to the people register (ADR 0018): the coordinator and the register clerk see
every person of their organisation; a manager sees the people whose current post is in a
unit they manage or in one of its sub-units; nobody else (not the administrator, not
another organisation) sees anyone. Only the register clerk runs the HR import.

A manager is a person in the register who manages units (``people.ManagerOf``) and whose
account is linked to that person, not the holder of the manager role: the register says
who decides for whom.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from open_integriteit.accounts.models import Role, User
from open_integriteit.people.models import ManagerOf, Person, Post, Unit

from . import roles


def sees_whole_register(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user) or roles.is_register_clerk(user)


def can_import_people(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_register_clerk(user)


def subtree(unit_ids: set[int], organisation_id: int) -> set[int]:
    """The units and all units below them (one query for the organisation's tree)."""
    if not unit_ids:
        return set()
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Unit.objects.filter(organisation_id=organisation_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(), list(unit_ids)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def managed_units(user: Any) -> set[int]:
    """The ids of the units the user manages through their person in the register, sub-units
    included; empty for an administrator and for anyone outside an organisation."""
    if not roles.is_staff(user) or roles.is_administrator(user):
        return set()
    today = timezone.localdate()
    direct = set(
        ManagerOf.objects.filter(
            person__user=user,
            person__organisation_id=user.organisation_id,
            unit__organisation_id=user.organisation_id,
        )
        .filter(Q(person__left_on__isnull=True) | Q(person__left_on__gt=today))
        .values_list("unit_id", flat=True)
    )
    return subtree(direct, user.organisation_id)


def can_list_people(user: Any) -> bool:
    return sees_whole_register(user) or bool(managed_units(user))


def units_visible_to(user: Any) -> QuerySet[Unit]:
    if not roles.is_staff(user):
        return Unit.objects.none()
    units = Unit.objects.filter(organisation_id=user.organisation_id)
    if sees_whole_register(user):
        return units
    return units.filter(pk__in=managed_units(user))


def posts_visible_to(user: Any) -> QuerySet[Post]:
    if not roles.is_staff(user):
        return Post.objects.none()
    posts = Post.objects.filter(organisation_id=user.organisation_id)
    if sees_whole_register(user):
        return posts
    return posts.filter(unit_id__in=managed_units(user))


def people_visible_to(user: Any) -> QuerySet[Person]:
    if not roles.is_staff(user):
        return Person.objects.none()
    people = Person.objects.filter(organisation_id=user.organisation_id)
    if sees_whole_register(user):
        return people
    units = managed_units(user)
    if not units:
        return Person.objects.none()
    return people.filter(holdings__ended_on__isnull=True, holdings__post__unit_id__in=units).distinct()


def can_view_person(user: Any, person: Person) -> bool:
    return people_visible_to(user).filter(pk=person.pk).exists()


def can_edit_register(user: Any, organisation_id: int | None = None) -> bool:
    """Who keeps what the HR export does not carry: a post's duties, an official's office,
    term and party, and who manages which unit (ADR 0018, amendment). The register clerk of
    the organisation only; the coordinator and managers read."""
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_register_clerk(user)


# --- Vulnerable posts (issue 9) -------------------------------------------------------------
# The register clerk and the coordinator assess posts, keep the checklist and record the list
# the executive adopted; a manager reads the assessments of the posts in their units; nobody
# else (administrator, auditor, another organisation) sees any of it.


def can_assess_posts(user: Any, organisation_id: int | None = None) -> bool:
    return sees_whole_register(user, organisation_id)


def can_view_vulnerable_posts(user: Any) -> bool:
    return can_assess_posts(user) or bool(managed_units(user))


def vulnerability_keepers_of(organisation_id: int) -> QuerySet[User]:
    """Who is reminded that the adopted list is due for review: the organisation's
    coordinators and register clerks (never an administrator)."""
    return roles.members_with_roles(organisation_id, Role.COORDINATOR, Role.REGISTER_CLERK)
