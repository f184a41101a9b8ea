"""Reads of the people register, scoped by ``access.people``: 404, never 403. Lists use a
constant number of queries per page (the current post and its unit are prefetched)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from open_integriteit.access import people as access
from open_integriteit.audit.services import audit_log

from .models import ManagerOf, Person, Post, PostHolding, Unit

if TYPE_CHECKING:
    from django.http import HttpRequest


def require_register(*, user: Any) -> None:
    if not access.can_list_people(user):
        raise Http404


def require_import(*, user: Any) -> None:
    if not access.can_import_people(user, getattr(user, "organisation_id", None)):
        raise Http404


@dataclass(frozen=True)
class UnitNode:
    unit: Unit
    depth: int
    people: int

    @property
    def prefix(self) -> str:
        return "— " * self.depth


def unit_tree_for_user(*, user: Any) -> list[UnitNode]:
    """The visible units depth first, each with its number of people in a current post."""
    require_register(user=user)
    units = list(access.units_visible_to(user).order_by("name", "pk"))
    visible = {u.pk for u in units}
    counts: dict[int, int] = {}
    for unit_id in PostHolding.objects.filter(
        ended_on__isnull=True, post__unit_id__in=visible, person__left_on__isnull=True
    ).values_list("post__unit_id", flat=True):
        counts[unit_id] = counts.get(unit_id, 0) + 1
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in visible else None
        children.setdefault(parent, []).append(unit)
    nodes: list[UnitNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            nodes.append(UnitNode(unit=unit, depth=depth, people=counts.get(unit.pk, 0)))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return nodes


def posts_for_user(*, user: Any) -> QuerySet[Post]:
    require_register(user=user)
    return access.posts_visible_to(user).select_related("unit").order_by("unit__name", "title", "pk")


def units_for_filter(*, user: Any) -> QuerySet[Unit]:
    return access.units_visible_to(user).order_by("name", "pk")


def people_for_user(*, user: Any, unit: Unit | None = None, kind: str = "", status: str = "active") -> QuerySet[Person]:
    require_register(user=user)
    today = timezone.localdate()
    people = access.people_visible_to(user)
    if unit is not None:
        units = access.subtree({unit.pk}, unit.organisation_id)
        people = people.filter(holdings__ended_on__isnull=True, holdings__post__unit_id__in=units).distinct()
    if kind:
        people = people.filter(kind=kind)
    if status == "active":
        people = people.filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
    elif status == "left":
        people = people.filter(left_on__lte=today)
    current = PostHolding.objects.filter(ended_on__isnull=True).select_related("post__unit")
    return people.prefetch_related(Prefetch("holdings", queryset=current, to_attr="current_holdings")).order_by(
        "sort_key", "pk"
    )


def sorted_page(people: list[Person]) -> list[Person]:
    """One page in name order (ADR 0018: names are encrypted, the database orders by the first
    letters of the surname only)."""
    return sorted(people, key=lambda p: p.name_for_sorting)


def person_for_user(*, user: Any, pk: int, request: HttpRequest | None = None) -> Person:
    require_register(user=user)
    person = (
        access.people_visible_to(user)
        .filter(pk=pk)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "holdings", queryset=PostHolding.objects.select_related("post__unit").order_by("-started_on", "-pk")
            ),
            Prefetch("managed", queryset=ManagerOf.objects.select_related("unit").order_by("unit__name")),
        )
        .first()
    )
    if person is None:
        raise Http404
    audit_log(action="people.person_viewed", actor=user, target=person, request=request)
    return person


def person_for_login(*, organisation_id: int, field: str, value: str) -> Person | None:
    """The person of the organisation a log-in through its identity provider names (ADR 0019):
    by personnel number, or by e-mail address. There is no user yet to scope by: the
    organisation is the one whose provider vouched for the person. E-mail addresses are
    encrypted, so they are compared after decryption, person by person (only people with
    an address); two people with the same address name nobody."""
    value = value.strip()
    if not value:
        return None
    people = Person.objects.filter(organisation_id=organisation_id).select_related("user")
    if field == "external_id":
        return people.filter(external_id=value).first()
    if field == "email":
        wanted = value.casefold()
        matches = [p for p in people.exclude(email="") if p.email.strip().casefold() == wanted]
        return matches[0] if len(matches) == 1 else None
    raise ValueError(f"unknown field {field!r}")


def post_for_user(*, user: Any, pk: int) -> Post:
    """A post the user sees in the register (not personal data: reading it is not logged)."""
    require_register(user=user)
    post = access.posts_visible_to(user).filter(pk=pk).select_related("unit").first()
    if post is None:
        raise Http404
    return post


def post_to_edit(*, user: Any, pk: int) -> Post:
    """A post of the register clerk's organisation, for the clerk only (404 for anyone else)."""
    if not access.can_edit_register(user, getattr(user, "organisation_id", None)):
        raise Http404
    return post_for_user(user=user, pk=pk)


def person_to_edit(*, user: Any, pk: int) -> Person:
    """A person of the register clerk's organisation, for the clerk only (404 for anyone else).
    Not logged as a read: the write that follows is, and a page shown again is read through
    ``person_for_user``."""
    if not access.can_edit_register(user, getattr(user, "organisation_id", None)):
        raise Http404
    person = access.people_visible_to(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def units_to_manage(*, user: Any, person: Person) -> QuerySet[Unit]:
    """The units of the organisation the person does not manage yet, for the clerk's choice."""
    return (
        access.units_visible_to(user)
        .filter(organisation_id=person.organisation_id)
        .exclude(managers__person=person)
        .order_by("name", "pk")
    )
