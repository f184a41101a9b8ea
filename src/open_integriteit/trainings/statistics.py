"""The trainings' figures of a year (``figures.registry``; rules in ADR 0025).

- ``trainings.sessions``: sessions held, by session date, per kind;
- ``trainings.participants`` (enterable): people linked to a session plus head counts, by
  session date, per kind;
- ``trainings.mandatory_compliance``: of the people under a mandatory training on 31
  December, the percentage up to date that day, per training (kind).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.registry import Row, Spec, Unit, Value, year_bounds
from open_integriteit.lists.selectors import entries

from .compliance import statuses
from .kinds import KINDS
from .models import Requirement, Session


def training_kinds(organisation: Any) -> tuple[tuple[str, Any], ...]:
    """The breakdown rows of an entered total of participants: the organisation's kinds of
    training (switched-off ones too: an earlier year may have had them)."""
    return tuple((entry.code, entry.name) for entry in entries(organisation=organisation, kind=KINDS.code))


SPECS = (
    Spec(
        key="trainings.sessions",
        label=_("Training sessions held"),
        rule=_("by the session date"),
        identifying=False,  # sessions, not people
    ),
    Spec(
        key="trainings.participants",
        label=_("Participants in training sessions"),
        rule=_("by the session date; people recorded by name plus head counts"),
        enterable=True,
        rows=training_kinds,
    ),
    Spec(
        key="trainings.mandatory_compliance",
        label=_("People up to date with their mandatory trainings"),
        rule=_("the state on 31 December"),
        unit=Unit.PERCENT,
    ),
)

HUNDRED = Decimal(100)


def _name(nl: str, en: str) -> str:
    return en if (get_language() or "nl").startswith("en") else nl


def percent(part: int, whole: int) -> Decimal:
    return (HUNDRED * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    start, end = year_bounds(year)
    sessions = Session.objects.filter(organisation=organisation, date__gte=start, date__lt=end)
    per_kind = list(
        sessions.values("kind__code", "kind__name_nl", "kind__name_en", "kind__position")
        .annotate(sessions=Count("pk"), participants=Sum("participant_count"))
        .order_by("kind__position", "kind__code")
    )
    result: dict[str, Value] = {}
    if per_kind:
        session_rows = tuple(
            Row(r["kind__code"], _name(r["kind__name_nl"], r["kind__name_en"]), r["sessions"]) for r in per_kind
        )
        participant_rows = tuple(
            Row(
                r["kind__code"],
                _name(r["kind__name_nl"], r["kind__name_en"]),
                r["participants"] or 0,
            )
            for r in per_kind
        )
        result["trainings.sessions"] = Value(sum(r.value for r in session_rows), session_rows)
        result["trainings.participants"] = Value(sum(r.value for r in participant_rows), participant_rows)
    on = dt.date(year, 12, 31)
    requirements = Requirement.objects.filter(organisation=organisation, applies_from__lte=on).select_related("kind")
    found = statuses(organisation_id=organisation.pk, on=on, requirements=requirements)
    if found:
        per_training: dict[str, list[int]] = {}
        names: dict[str, str] = {}
        for status in found:
            kind = status.requirement.kind
            counts = per_training.setdefault(kind.code, [0, 0])
            counts[0] += status.complies
            counts[1] += 1
            names[kind.code] = kind.name
        rows = tuple(Row(code, names[code], percent(done, under)) for code, (done, under) in per_training.items())
        done = sum(c[0] for c in per_training.values())
        result["trainings.mandatory_compliance"] = Value(percent(done, len(found)), rows)
    return result
