"""Who is due to take the oath or affirmation, and who is overdue on a given day.

The start of employment is the earliest start of a post the person held
(``people.PostHolding.started_on``: the register has no start date of its own). A person
who left and was hired again keeps that start and an oath once taken counts for good,
unless the organisation chose ``rehired_due_again``: then the start is that of the current
unbroken run of posts (a later post starting after all earlier ones ended begins a new run)
and only an oath or affirmation at a ceremony held since then counts.

A person is due ``due_months`` calendar months after the start and overdue the day after.
Only a chosen oath or affirmation at a ceremony held on or before the day counts. Officials,
people without a post, people who left and kinds the organisation did not choose are never
due. Everything is read in a constant number of queries (people, posts, pledges, settings).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from open_integriteit.people.models import Person, PostHolding

from .models import OnboardingSettings, Participant


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def settings_for(organisation_id: int) -> OnboardingSettings:
    """The organisation's settings, or the defaults when never saved (nothing is created)."""
    found = OnboardingSettings.objects.filter(organisation_id=organisation_id).first()
    return found or OnboardingSettings(organisation_id=organisation_id)


@dataclass(frozen=True)
class Overdue:
    person: Person
    started_on: dt.date
    due_on: dt.date


def _run_start(spans: list[tuple[dt.date, dt.date | None]]) -> dt.date:
    """The start of the last unbroken run of posts (spans sorted by start)."""
    start, reach = spans[0][0], spans[0][1]
    for begin, end in spans[1:]:
        if reach is not None and begin > reach + dt.timedelta(days=1):
            start = begin  # a gap: employment started again
        reach = None if reach is None or end is None else max(reach, end)
    return start


def overdue_on(
    *, organisation_id: int, day: dt.date, units: Iterable[int] | None = None, person_id: int | None = None
) -> list[Overdue]:
    """Everyone of the organisation overdue on ``day`` (only those whose current post is in
    one of ``units`` when given; only that person when ``person_id`` is given), by due date."""
    settings = settings_for(organisation_id)
    people = Person.objects.filter(organisation_id=organisation_id, kind__in=settings.kinds_due).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )
    if person_id is not None:
        people = people.filter(pk=person_id)
    if units is not None:
        current = PostHolding.objects.filter(started_on__lte=day, post__unit_id__in=list(units)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day)
        )
        people = people.filter(pk__in=current.values("person_id"))
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for person_id, begin, end in (
        PostHolding.objects.filter(person__in=people, started_on__lte=day)
        .order_by("started_on", "pk")
        .values_list("person_id", "started_on", "ended_on")
    ):
        spans.setdefault(person_id, []).append((begin, end))
    latest_pledge: dict[int, dt.date] = {}
    for person_id, held_on in (
        Participant.objects.filter(person__in=people, ceremony__held_on__lte=day)
        .exclude(pledge="")
        .values_list("person_id", "ceremony__held_on")
    ):
        if person_id not in latest_pledge or held_on > latest_pledge[person_id]:
            latest_pledge[person_id] = held_on
    candidates = []
    for person_id, person_spans in spans.items():
        start = _run_start(person_spans) if settings.rehired_due_again else person_spans[0][0]
        due_on = add_months(start, settings.due_months)
        if due_on >= day:
            continue
        pledged = latest_pledge.get(person_id)
        if pledged is not None and (not settings.rehired_due_again or pledged >= start):
            continue
        candidates.append((person_id, start, due_on))
    found = Person.objects.in_bulk([person_id for person_id, _s, _d in candidates])
    return sorted(
        (Overdue(person=found[pid], started_on=start, due_on=due_on) for pid, start, due_on in candidates),
        key=lambda o: (o.due_on, o.person.name_for_sorting),
    )
