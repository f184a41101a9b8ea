"""Who is up to date with the mandatory trainings, on a day (computed, never stored).

A person is under a requirement on day D when they have not left and, on D, hold the post,
hold a post in the unit or one of its sub-units, hold a post on the list of vulnerable
posts (as that list is now: ``Post.vulnerable``), belong to the group, or are staff at all
(every person who is not an official). They comply when they took part in a session of
the requirement's kind on or before D and, for a repeated training, less than the period
before D. A constant number of queries for any number of requirements and people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Q

from open_integriteit.access.people import subtree
from open_integriteit.people.models import Person, PersonKind, PostHolding

from .models import Participation, Requirement, Scope


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier, when negative), the last of the month if shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@dataclass(frozen=True)
class Status:
    requirement: Requirement
    person_id: int
    unit_id: int | None  # of the person's current post (None: no post)
    last: dt.date | None  # the last session of the kind they took part in, up to the day
    complies: bool

    @property
    def due_on(self) -> dt.date:
        """When the training fell (or falls) due: the end of the last period, or the start."""
        period = self.requirement.period_months
        if self.last is not None and period:
            return max(add_months(self.last, period), self.requirement.applies_from)
        return self.requirement.applies_from


def statuses(
    *, organisation_id: int, on: dt.date, requirements: Iterable[Requirement], person_ids: set[int] | None = None
) -> list[Status]:
    """The status of every person under each requirement on ``on`` (only ``person_ids`` if given)."""
    requirements = [r for r in requirements if r.applies_from <= on]
    if not requirements:
        return []
    people = Person.objects.filter(organisation_id=organisation_id).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    kinds = dict(people.values_list("pk", "kind"))
    holdings: dict[int, list[tuple[int, int, bool]]] = {}
    for person_id, post_id, unit_id, vulnerable in (
        PostHolding.objects.filter(person_id__in=people.values("pk"), started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values_list("person_id", "post_id", "post__unit_id", "post__vulnerable")
    ):
        holdings.setdefault(person_id, []).append((post_id, unit_id, vulnerable))
    last: dict[tuple[int, int], dt.date] = {
        (person_id, kind_id): day
        for person_id, kind_id, day in Participation.objects.filter(
            person_id__in=people.values("pk"),
            session__organisation_id=organisation_id,
            session__kind_id__in={r.kind_id for r in requirements},
            session__date__lte=on,
        )
        .values("person_id", "session__kind_id")
        .annotate(last=Max("session__date"))
        .values_list("person_id", "session__kind_id", "last")
    }
    units = {r.unit_id for r in requirements if r.scope == Scope.UNIT and r.unit_id}
    below = {unit_id: subtree({unit_id}, organisation_id) for unit_id in units} if units else {}
    result: list[Status] = []
    for requirement in requirements:
        for person_id, kind in kinds.items():
            held = holdings.get(person_id, [])
            if requirement.scope == Scope.POST:
                applies = any(post_id == requirement.post_id for post_id, _, _ in held)
            elif requirement.scope == Scope.UNIT:
                applies = any(unit_id in below.get(requirement.unit_id or 0, set()) for _, unit_id, _ in held)
            elif requirement.scope == Scope.VULNERABLE:
                applies = any(vulnerable for _, _, vulnerable in held)
            elif requirement.scope == Scope.GROUP:
                applies = kind == requirement.person_kind
            else:
                applies = kind != PersonKind.OFFICIAL
            if not applies:
                continue
            taken = last.get((person_id, requirement.kind_id))
            period = requirement.period_months
            complies = taken is not None and (not period or add_months(taken, period) > on)
            result.append(Status(requirement, person_id, held[0][1] if held else None, taken, complies))
    return result
