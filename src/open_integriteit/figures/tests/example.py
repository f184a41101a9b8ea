"""A figure of our own for the tests of the entered totals (see ``conftest.py``): an
enterable figure that counts survey measurements by their year, broken down by unit."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace
from typing import Any

from open_integriteit.figures.registry import Row, Spec, Value
from open_integriteit.indicators.models import IndicatorUnit, Measurement

KEY = "example.measured"


def _rows(organisation: Any) -> tuple[tuple[str, Any], ...]:
    return tuple((str(value), label) for value, label in IndicatorUnit.choices)


def _figures(*, organisation: Any, year: int) -> dict[str, Value]:
    units = Counter(
        Measurement.objects.filter(indicator__organisation=organisation, year=year).values_list(
            "indicator__unit", flat=True
        )
    )
    if not units:
        return {}
    labels = dict(_rows(organisation))
    breakdown = tuple(Row(key=u, label=labels[u], value=n) for u, n in sorted(units.items()))
    return {KEY: Value(total=sum(units.values()), breakdown=breakdown)}


EXAMPLE = SimpleNamespace(
    SPECS=(Spec(key=KEY, label="Example: measurements", rule="by the year", enterable=True, rows=_rows),),
    figures=_figures,
)


def add_example_figure(monkeypatch: Any) -> str:
    """Add ``EXAMPLE`` to the registry until the test ends (``monkeypatch`` undoes it)."""
    from open_integriteit.figures import registry

    modules = registry._modules()
    monkeypatch.setattr(registry, "_modules", lambda: (*modules, EXAMPLE))
    return KEY
