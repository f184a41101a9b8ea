"""The statistics surface: every figure of a year, the one interface the annual report reads.

Each app that the annual report counts has a module ``statistics.py`` with:

- ``SPECS``: a tuple of :class:`Spec`, one per figure the app counts (its key, its Dutch
  label through gettext, its unit, the rule that puts a record in exactly one year, and
  whether an entered total may stand in for records in years before the system);
- ``figures(*, organisation, year) -> dict[str, Value]``: the value of each of its specs
  for that organisation and calendar year, in a constant number of queries (never one per
  record). A key missing from the answer means "nothing recorded".

Nothing registers by hand: :func:`specs` and :func:`year_figures` find the modules of
every installed app (as the admin finds ``admin.py``), so a new app's figures reach the
report by existing. An entered total (``figures.models.EnteredTotal``) replaces the
counted value of an enterable figure for its year; a year never has both (``services``).

The counting rules are written down in ADR 0025.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Number = int | Decimal


class Unit(TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("percentage")
    EUROS = "euros", _("euros")
    SCORE = "score", _("score")


@dataclass(frozen=True)
class Spec:
    """What a figure is; its value comes from the app's ``figures``."""

    key: str  # "<app label>.<name>", stable: the report's placeholders and entered totals use it
    label: str | Promise
    rule: str | Promise  # which date puts a record in a year, e.g. "by the ceremony date"
    unit: str = Unit.COUNT
    enterable: bool = False  # may be entered by hand for a year before the system
    # A breakdown of this figure counts people (per group, per topic, per unit): a small
    # cell could point at a person, so the annual report's privacy guard checks it.
    identifying: bool = True
    # The rows this figure's breakdown can have, for an organisation: ``((key, label), ...)``
    # with the keys its ``Row``s use (choice values, list-entry codes). An entered total
    # offers these rows for its breakdown; without them it is a total only.
    rows: Callable[[Any], tuple[tuple[str, str | Promise], ...]] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Row:
    """One cell of a breakdown: a label (already translated) and its number."""

    key: str  # stable, for placeholders and the XLSX (a choice value, a list entry code)
    label: str | Promise
    value: Number


@dataclass(frozen=True)
class Value:
    """What an app's ``figures`` answers for one spec."""

    total: Number | None
    breakdown: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A spec with its value for one organisation and year, as the report reads it."""

    spec: Spec
    year: int
    total: Number | None
    breakdown: tuple[Row, ...] = ()
    entered: bool = False  # an entered total, not counted from records
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.spec.key


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First day of the year and first day of the next: filter ``date__gte=start, date__lt=end``."""
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


@cache
def _modules() -> tuple[Any, ...]:
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.statistics"
        if find_spec(config.name) is not None and find_spec(name) is not None:
            module = import_module(name)
            if hasattr(module, "SPECS") and hasattr(module, "figures"):
                found.append(module)
    return tuple(found)


def specs() -> dict[str, Spec]:
    """Every figure the product counts, by key, in app order."""
    result: dict[str, Spec] = {}
    for module in _modules():
        for spec in module.SPECS:
            if spec.key in result:
                raise ValueError(f"figure {spec.key} is declared twice")
            result[spec.key] = spec
    return result


def enterable_specs() -> dict[str, Spec]:
    return {key: spec for key, spec in specs().items() if spec.enterable}


# Applied after the apps' own figures: the entered totals (figures app) replace what the
# records counted. A hook rather than an import so this module stays free of models.
_overlays: list[Callable[..., dict[str, Figure]]] = []


def register_overlay(overlay: Callable[..., dict[str, Figure]]) -> None:
    if overlay not in _overlays:
        _overlays.append(overlay)


def year_figures(
    *, organisation: Any, year: int, keys: Iterable[str] | None = None, overlays: bool = True
) -> dict[str, Figure]:
    """Every figure of ``organisation`` in ``year``, by key (only those in ``keys`` if given).

    ``overlays=False`` gives what the records count, without the entered totals: whether a
    year has records of a figure (``figures.services``)."""
    wanted = set(keys) if keys is not None else None
    result: dict[str, Figure] = {}
    for module in _modules():
        module_specs = [s for s in module.SPECS if wanted is None or s.key in wanted]
        if not module_specs:
            continue
        values: dict[str, Value] = module.figures(organisation=organisation, year=year)
        for spec in module_specs:
            value = values.get(spec.key)
            if value is None:
                result[spec.key] = Figure(spec=spec, year=year, total=None)
            else:
                result[spec.key] = Figure(spec=spec, year=year, total=value.total, breakdown=value.breakdown)
    for overlay in _overlays if overlays else ():
        result = overlay(organisation=organisation, year=year, figures=result)
    return result


def range_figures(
    *, organisation: Any, years: Iterable[int], keys: Iterable[str] | None = None
) -> dict[int, dict[str, Figure]]:
    """The figures of several years (a combined report, a trend chart), by year."""
    keys = list(keys) if keys is not None else None
    return {year: year_figures(organisation=organisation, year=year, keys=keys) for year in years}


def with_total(figure: Figure, total: Number | None, breakdown: tuple[Row, ...] = (), *, entered: bool) -> Figure:
    return replace(figure, total=total, breakdown=breakdown, entered=entered)
