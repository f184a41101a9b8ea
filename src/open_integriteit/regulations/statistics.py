"""Figures of the register of rules and codes (the statistics surface, ``figures.registry``).

- ``regulations.adopted``: the rules and codes adopted in the year (a new version of a rule
  counts as an adoption), by adoption date, per kind.

``in_force`` gives the annual report's framework chapter its rows: the versions in force
on 31 December of the year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.registry import Row, Spec, Value, year_bounds

from .models import AdoptedBy, Regulation, RegulationKind

SPECS = (
    Spec(
        key="regulations.adopted",
        label=_("Integrity rules and codes adopted"),
        rule=_("by the date of adoption"),
        identifying=False,
    ),
)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    start, end = year_bounds(year)
    counts = dict(
        Regulation.objects.filter(organisation=organisation, adopted_on__gte=start, adopted_on__lt=end)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    if not counts:
        return {}
    rows = tuple(
        Row(key=kind.value, label=kind.label, value=counts[kind.value]) for kind in RegulationKind if kind in counts
    )
    return {"regulations.adopted": Value(total=sum(counts.values()), breakdown=rows)}


@dataclass(frozen=True)
class InForce:
    """A rule or code in force on 31 December, for the framework chapter."""

    kind: str
    kind_label: str
    title: str
    audience: str
    adopted_by: str
    adopted_by_label: str
    adopted_on: dt.date
    decision_reference: str
    replaces_adopted_on: dt.date | None  # the version it replaced, if any
    public: bool


def in_force(*, organisation: Any, year: int) -> list[InForce]:
    """The versions adopted on or before 31 December of ``year`` and not replaced by then,
    by kind (one query)."""
    _start, end = year_bounds(year)
    found = (
        Regulation.objects.filter(organisation=organisation, adopted_on__lt=end)
        .exclude(replaced_by__adopted_on__lt=end)
        .select_related("replaces")
        .order_by("kind", "-adopted_on", "pk")
    )
    order = {kind.value: index for index, kind in enumerate(RegulationKind)}
    rows = [
        InForce(
            kind=r.kind,
            kind_label=str(RegulationKind(r.kind).label),
            title=str(r.title),
            audience=str(r.audience),
            adopted_by=r.adopted_by,
            adopted_by_label=str(AdoptedBy(r.adopted_by).label),
            adopted_on=r.adopted_on,
            decision_reference=str(r.decision_reference),
            replaces_adopted_on=r.replaces.adopted_on if r.replaces is not None else None,
            public=r.public,
        )
        for r in found
    ]
    return sorted(rows, key=lambda row: order[row.kind])
