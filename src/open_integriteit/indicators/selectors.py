"""Reads of the survey indicators: each measurement beside the previous one.

Surveys are not held every year: a measurement is compared with the latest earlier
measurement of the same indicator, whichever year that was. Everything for one page comes
from one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from open_integriteit.access.indicators import can_manage_indicators
from open_integriteit.figures.formatting import difference_value, figure_value

from .models import Indicator, Measurement


class Direction:
    UP = "up"
    DOWN = "down"
    EQUAL = "equal"


@dataclass(frozen=True)
class Compared:
    """One measurement with the one before it (``previous_*`` None for the first)."""

    measurement: Measurement
    previous_year: int | None
    previous_value: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.previous_value is None:
            return None
        return self.measurement.value - self.previous_value

    @property
    def direction(self) -> str | None:
        difference = self.difference
        if difference is None:
            return None
        return Direction.UP if difference > 0 else Direction.DOWN if difference < 0 else Direction.EQUAL

    @property
    def comparison(self) -> str:
        """In words: "2 percentage points higher than in 2022 (34%)"."""
        if self.previous_year is None or self.previous_value is None or self.difference is None:
            return _("First measurement")
        unit = self.measurement.indicator.unit
        values = {
            "difference": difference_value(self.difference, unit),
            "year": self.previous_year,
            "previous": figure_value(self.previous_value, unit),
        }
        if self.direction == Direction.UP:
            return _("%(difference)s higher than in %(year)s (%(previous)s)") % values
        if self.direction == Direction.DOWN:
            return _("%(difference)s lower than in %(year)s (%(previous)s)") % values
        return _("the same as in %(year)s (%(previous)s)") % values


def compare(measurements: list[Measurement]) -> list[Compared]:
    """Each measurement with the previous one of its indicator (any order in, year order out)."""
    result: list[Compared] = []
    previous: dict[int, Measurement] = {}
    for measurement in sorted(measurements, key=lambda m: (m.indicator_id, m.year)):
        before = previous.get(measurement.indicator_id)
        result.append(
            Compared(
                measurement=measurement,
                previous_year=before.year if before else None,
                previous_value=before.value if before else None,
            )
        )
        previous[measurement.indicator_id] = measurement
    return result


def indicators_of(*, organisation_id: int) -> QuerySet[Indicator]:
    return Indicator.objects.filter(organisation_id=organisation_id)


def measurements_of(*, organisation_id: int, until: int | None = None) -> QuerySet[Measurement]:
    qs = Measurement.objects.filter(indicator__organisation_id=organisation_id).select_related("indicator")
    return qs.filter(year__lte=until) if until is not None else qs


@dataclass(frozen=True)
class IndicatorHistory:
    indicator: Indicator
    measurements: list[Compared]  # newest first

    @property
    def latest(self) -> Compared | None:
        return self.measurements[0] if self.measurements else None


def histories(*, organisation_id: int) -> list[IndicatorHistory]:
    """Every indicator of the organisation with its measurements, newest first (two queries)."""
    compared = compare(list(measurements_of(organisation_id=organisation_id)))
    return [
        IndicatorHistory(
            indicator,
            sorted(
                (c for c in compared if c.measurement.indicator_id == indicator.pk), key=lambda c: -c.measurement.year
            ),
        )
        for indicator in indicators_of(organisation_id=organisation_id)
    ]


def require_manager(*, user: Any) -> int:
    """The user's organisation id if they manage its indicators, else 404."""
    organisation_id = getattr(user, "organisation_id", None)
    if not can_manage_indicators(user, organisation_id):
        raise Http404
    return int(organisation_id)  # type: ignore[arg-type]


def indicator_get_for_manager(*, user: Any, pk: int) -> Indicator:
    indicator = indicators_of(organisation_id=require_manager(user=user)).filter(pk=pk).first()
    if indicator is None:
        raise Http404
    return indicator


def history_for_manager(*, user: Any, pk: int) -> IndicatorHistory:
    indicator = indicator_get_for_manager(user=user, pk=pk)
    compared = compare(list(indicator.measurements.select_related("indicator")))
    return IndicatorHistory(indicator, sorted(compared, key=lambda c: -c.measurement.year))


def measurement_get_for_manager(*, user: Any, pk: int) -> Measurement:
    organisation_id = require_manager(user=user)
    measurement = measurements_of(organisation_id=organisation_id).filter(pk=pk).first()
    if measurement is None:
        raise Http404
    return measurement
