"""Reads of the figures app."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import registry
from .models import EnteredTotal
from .registry import Figure, Number, Row


def _number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else value


def apply_entered_totals(*, organisation: Any, year: int, figures: dict[str, Figure]) -> dict[str, Figure]:
    """Replace each figure that has an entered total for ``year`` by that total (one query)."""
    entered = EnteredTotal.objects.filter(organisation=organisation, year=year, key__in=list(figures))
    for total in entered:
        figure = figures[total.key]
        labels = {row.key: row.label for row in figure.breakdown}
        breakdown = tuple(
            Row(key=key, label=labels.get(key, key), value=_number(Decimal(str(value))))
            for key, value in sorted(total.breakdown.items())
        )
        figures[total.key] = registry.with_total(figure, _number(total.total), breakdown, entered=True)
    return figures
