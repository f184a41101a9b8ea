"""What the need-to-know table (``access/tests/test_need_to_know.py``) needs behind the
figures' and indicators' URLs, made inside each visit's savepoint."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from open_integriteit.figures.models import EnteredTotal
from open_integriteit.indicators import services as indicator_services
from open_integriteit.indicators.models import Indicator, Measurement

INDICATOR = "Invented indicator"
SOURCE = "Invented annual report"


def add_indicator(w: Any) -> None:
    """Alice's indicator, measured in 2022 and 2024."""
    indicator = indicator_services.indicator_create(
        organisation=w.org, by=w.people["alice"], name=INDICATOR, unit="percent", question="Invented question?"
    )
    for year, value in ((2022, "34"), (2024, "36")):
        indicator_services.measurement_record(
            indicator=indicator, by=w.people["alice"], year=year, value=Decimal(value), source=f"MTO {year}"
        )


def indicator_pk(w: Any) -> list[int]:
    return [Indicator.objects.get(organisation=w.org, name=INDICATOR).pk]


def measurement_pk(w: Any) -> list[int]:
    return [Measurement.objects.get(indicator__organisation=w.org, indicator__name=INDICATOR, year=2024).pk]


def add_entered_total(w: Any) -> None:
    """An entered total of 2019. Made directly, not through ``entered_total_set``: which
    figures are enterable depends on the apps installed, and removing a total does not."""
    EnteredTotal.objects.create(
        organisation=w.org, key="reports.reports", year=2019, total=3, source=SOURCE, entered_by=w.people["alice"]
    )


def entered_total_pk(w: Any) -> list[int]:
    return [EnteredTotal.objects.get(organisation=w.org, key="reports.reports", year=2019).pk]
