"""Reads of the trainings, scoped by ``access.trainings``: 404, never 403."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from open_integriteit.access import trainings as access
from open_integriteit.core.anonymity import fold
from open_integriteit.lists.selectors import entries_for_choice
from open_integriteit.people.models import Person, Unit

from .compliance import Status, statuses
from .kinds import KINDS
from .models import Requirement, Session


def require_recorder(*, user: Any) -> None:
    if not access.can_record_trainings(user):
        raise Http404


def require_compliance(*, user: Any) -> None:
    if not access.can_read_compliance(user):
        raise Http404


def sessions_for_user(*, user: Any, year: int | None = None) -> QuerySet[Session]:
    require_recorder(user=user)
    sessions = access.sessions_visible_to(user)
    if year is not None:
        sessions = sessions.filter(date__year=year)
    return sessions.select_related("kind").order_by("-date", "-pk")


def session_for_user(*, user: Any, pk: int) -> Session:
    require_recorder(user=user)
    session = access.sessions_visible_to(user).filter(pk=pk).select_related("kind").first()
    if session is None:
        raise Http404
    return session


def session_years(*, user: Any) -> list[int]:
    require_recorder(user=user)
    return sorted({d.year for d in access.sessions_visible_to(user).dates("date", "year")}, reverse=True)


def kinds_for_choice(*, user: Any, include: Iterable[Any] = ()) -> QuerySet[Any]:
    return entries_for_choice(organisation=user.organisation_id, kind=KINDS.code, include=include)


def people_matching(*, user: Any, query: str, limit: int = 30) -> list[Person]:
    """People of the register whose name or personnel number contains ``query`` (names are
    encrypted: matched in Python, as the register sorts them), at most ``limit``."""
    wanted = fold(query.strip())
    if not wanted:
        return []
    today = timezone.localdate()
    found = []
    for person in access.participants_to_choose(user).order_by("sort_key", "pk"):
        if person.left_on is not None and person.left_on <= today:
            continue
        if wanted in fold(person.full_name) or wanted == person.external_id.casefold():
            found.append(person)
    found.sort(key=lambda p: p.name_for_sorting)
    return found[:limit]


def requirements_for_user(*, user: Any) -> list[Requirement]:
    require_compliance(user=user)
    return list(access.requirements_visible_to(user).select_related("kind", "post__unit", "unit"))


def requirement_for_user(*, user: Any, pk: int) -> Requirement:
    require_recorder(user=user)
    requirement = access.requirements_visible_to(user).filter(pk=pk).first()
    if requirement is None:
        raise Http404
    return requirement


@dataclass
class UnitRow:
    unit: Unit | None
    under: int = 0
    behind: list[Person] = field(default_factory=list)


@dataclass
class RequirementOverview:
    requirement: Requirement
    under: int
    behind: int
    units: list[UnitRow]


def compliance_overview(*, user: Any, on: dt.date | None = None) -> list[RequirementOverview]:
    """Per mandatory training and per unit: how many people it applies to and who is behind.
    A manager sees the people of their own units only."""
    requirements = requirements_for_user(user=user)
    on = on or timezone.localdate()
    visible_units = access.compliance_units(user)
    found: list[Status] = statuses(organisation_id=user.organisation_id, on=on, requirements=requirements)
    if visible_units is not None:
        found = [s for s in found if s.unit_id in visible_units]
    people = Person.objects.in_bulk({s.person_id for s in found if not s.complies})
    units = Unit.objects.in_bulk({s.unit_id for s in found if s.unit_id})
    result = []
    for requirement in requirements:
        rows: dict[int | None, UnitRow] = {}
        mine = [s for s in found if s.requirement.pk == requirement.pk]
        for status in mine:
            row = rows.setdefault(status.unit_id, UnitRow(units.get(status.unit_id) if status.unit_id else None))
            row.under += 1
            if not status.complies:
                row.behind.append(people[status.person_id])
        for row in rows.values():
            row.behind.sort(key=lambda p: p.name_for_sorting)
        ordered = sorted(rows.values(), key=lambda r: (r.unit is None, r.unit.name if r.unit else ""))
        behind = sum(len(r.behind) for r in ordered)
        result.append(RequirementOverview(requirement, len(mine), behind, ordered))
    return result
