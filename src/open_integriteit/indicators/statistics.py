"""The survey indicators on the statistics surface (``figures.registry``).

Indicators are not counted from records but measured, and which ones exist differs per
organisation, so they are no ``Spec`` of their own: the annual report reads them through
``indicators(*, organisation, year)``: each indicator measured in that year, with its
previous measurement (which may be two years earlier: surveys are not yearly).

One figure counts how many indicators were measured in a year (per source): a measurement
belongs to the year it was measured in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.registry import Row, Spec, Value

from .selectors import compare, measurements_of

SPECS = (
    Spec(
        key="indicators.measurements",
        label=_("Survey indicators measured"),
        rule=_("by the year of the survey"),
        identifying=False,
    ),
)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of the year, as the annual report shows it."""

    name: str
    value: Decimal
    unit: str
    source: str
    question: str
    previous_value: Decimal | None
    previous_year: int | None
    difference: Decimal | None
    direction: str | None  # "up", "down", "equal"; None for a first measurement
    comparison: str  # in words, in the active language


def _organisation_id(organisation: Any) -> int:
    return organisation if isinstance(organisation, int) else organisation.pk


def indicators(*, organisation: Any, year: int) -> list[IndicatorRow]:
    """Every indicator measured in ``year``, with its previous measurement (one query)."""
    compared = compare(list(measurements_of(organisation_id=_organisation_id(organisation), until=year)))
    this_year = sorted((c for c in compared if c.measurement.year == year), key=lambda c: c.measurement.indicator.name)
    return [
        IndicatorRow(
            name=c.measurement.indicator.name,
            value=c.measurement.value,
            unit=c.measurement.indicator.unit,
            source=c.measurement.source,
            question=c.measurement.indicator.question,
            previous_value=c.previous_value,
            previous_year=c.previous_year,
            difference=c.difference,
            direction=c.direction,
            comparison=c.comparison,
        )
        for c in this_year
    ]


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    sources = Counter(
        measurements_of(organisation_id=_organisation_id(organisation))
        .filter(year=year)
        .values_list("source", flat=True)
    )
    if not sources:
        return {}
    breakdown = tuple(Row(key=source, label=source, value=n) for source, n in sorted(sources.items()))
    return {"indicators.measurements": Value(total=sum(sources.values()), breakdown=breakdown)}
