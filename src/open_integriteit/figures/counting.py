"""Helpers the apps' ``statistics.py`` share: which moments fall in a year, and how grouped
counts become a :class:`~open_integriteit.figures.registry.Value` (ADR 0025).

A record's year is its date in Europe/Amsterdam (``settings.TIME_ZONE``): a report received
on 31 December at 23:30 local time counts in that year, even though it is 1 January in UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Choices, QuerySet
from django.utils.translation import get_language

from .registry import Number, Row, Value, year_bounds


def year_moments(year: int) -> tuple[dt.datetime, dt.datetime]:
    """Midnight of 1 January of ``year`` and of the next year in local time (aware)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start, end = year_bounds(year)
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end, dt.time.min, tzinfo=zone),
    )


def moment_in(field: str, year: int) -> dict[str, dt.datetime]:
    """Filter arguments: the date-time ``field`` falls in ``year`` (local time)."""
    start, end = year_moments(year)
    return {f"{field}__gte": start, f"{field}__lt": end}


def date_in(field: str, year: int) -> dict[str, dt.date]:
    """Filter arguments: the date ``field`` falls in ``year``."""
    start, end = year_bounds(year)
    return {f"{field}__gte": start, f"{field}__lt": end}


def grouped(queryset: QuerySet[Any], *fields: str, **aggregates: Any) -> list[dict[str, Any]]:
    """One query: the rows of ``queryset`` grouped by ``fields`` with ``aggregates``."""
    return list(queryset.order_by().values(*fields).annotate(**aggregates))


def entry_name(row: Mapping[str, Any], prefix: str) -> str:
    """The name of a list entry read as ``<prefix>__name_nl`` / ``<prefix>__name_en``."""
    english = (get_language() or "nl").startswith("en")
    return row[f"{prefix}__name_en" if english else f"{prefix}__name_nl"] or row[f"{prefix}__name_nl"] or ""


def entry_fields(prefix: str) -> tuple[str, str, str]:
    """The values() fields that read a list entry's code and names."""
    return f"{prefix}__code", f"{prefix}__name_nl", f"{prefix}__name_en"


def as_number(value: Any) -> Number:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return int(value or 0)


class Tally:
    """Numbers per breakdown key, added up from grouped rows; becomes a ``Value``.

    ``labels`` fixes the order (choice order, list order) and the label of each key; keys
    not in it come after, in order of appearance, labelled by ``add``'s ``label``.
    """

    def __init__(self, labels: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()) -> None:
        self.labels: dict[str, Any] = dict(labels.items() if isinstance(labels, Mapping) else labels)
        self.counts: dict[str, Number] = {}

    def add(self, key: str, value: Any, label: Any = None) -> None:
        if key not in self.labels:
            self.labels[key] = label if label is not None else key
        self.counts[key] = self.counts.get(key, 0) + as_number(value)

    def value(self, *, total: Any = None) -> Value:
        rows = tuple(
            Row(key=key, label=self.labels[key], value=self.counts[key]) for key in self.labels if key in self.counts
        )
        counted = sum((row.value for row in rows), start=0) if total is None else as_number(total)
        return Value(total=counted, breakdown=rows)


def choice_labels(choices: type[Choices]) -> dict[str, Any]:
    """The labels of a ``TextChoices``, in its order."""
    return dict(choices.choices)
