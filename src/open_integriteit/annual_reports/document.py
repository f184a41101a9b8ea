"""The report as one structure that every output renders (issue 10).

``build(report)`` reads the figures of the report's years (and the years before, for the
comparisons) through the statistics surface only (``figures.registry``; the apps'
``statistics.py``), never with a query of its own, and returns a ``Document``: sections with
the coordinator's narrative (placeholders filled), figure blocks with a comparison sentence
per year, and tables. HTML, PDF, Word and XLSX are renderings of the same ``Document``, so
they cannot disagree; an adopted report stores it and is rendered from that copy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from open_integriteit.figures import registry
from open_integriteit.figures.registry import Figure, Row

from . import narrative
from .chapters import BY_KEY
from .charts import TREND_YEARS, TRENDS, Chart
from .comparisons import compare, format_value, latest_before
from .models import AnnualReport

# How many years before the report's first year are read for the first comparison: a
# survey every two years still finds its previous measurement.
LOOK_BACK = 3


@dataclass(frozen=True)
class YearValue:
    year: int
    total: str  # formatted ("4", "40%", "€ 1.250"), "–" when nothing was recorded
    number: float | None  # the raw value, for charts and the XLSX
    entered: bool
    comparison: str  # the sentence against the previous measurement
    breakdown: tuple[tuple[str, str], ...] = ()  # (label, formatted value)
    breakdown_numbers: tuple[float, ...] = ()  # the raw values of ``breakdown``, for the XLSX


@dataclass(frozen=True)
class FigureBlock:
    key: str
    label: str
    unit: str
    rule: str
    identifying: bool
    years: tuple[YearValue, ...]


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    # Cells that count people: (row index, column index), for the privacy guard.
    count_cells: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[narrative.Block, ...]
    figures: tuple[FigureBlock, ...]
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Document:
    title: str
    organisation: str
    first_year: int
    last_year: int
    sections: tuple[Section, ...] = field(default_factory=tuple)
    charts: tuple[Chart, ...] = field(default_factory=tuple)
    colour: str = ""

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


def _read_years(report: AnnualReport) -> list[int]:
    first = min(report.first_year - LOOK_BACK, report.last_year - TREND_YEARS + 1)
    return list(range(first, report.last_year + 1))


def before_use_unknown(by_year: dict[int, dict[str, Figure]]) -> dict[int, dict[str, Figure]]:
    """Years before the organisation's first counted record are unknown, not zero.

    An app answers 0 for a year without records (ADR 0025, rule 8: the system was in use and
    nothing happened). Before the first year in which anything was counted the system was not
    in use: its counted zeros become "nothing recorded", so 2022 is not said to have risen
    "from 0" in 2021. Entered totals of those years stay: they are what is known of them."""
    in_use = [year for year in sorted(by_year) if any(f.total and not f.entered for f in by_year[year].values())]
    if not in_use:
        return by_year
    return {
        year: {
            key: f if f.entered or year >= in_use[0] else registry.with_total(f, None, entered=False)
            for key, f in figures.items()
        }
        for year, figures in by_year.items()
    }


def trend_charts(by_year: dict[int, dict[str, Figure]], last_year: int) -> tuple[Chart, ...]:
    """The multi-year trends, with a text alternative that states each year's figure."""
    years = tuple(range(last_year - TREND_YEARS + 1, last_year + 1))
    charts = []
    for key in TRENDS:
        if key not in by_year[last_year]:
            continue
        figures = [by_year[year][key] for year in years]
        if not any(figure.total for figure in figures):
            continue  # nothing recorded in five years: a chart of zeros says nothing
        label = str(figures[-1].spec.label)
        parts = []
        for figure in figures:
            text = _format(figure)
            if figure.entered:
                text = f"{text} ({_('entered total')})"
            parts.append(f"{figure.year}: {text}")
        alt = _("%(label)s per year, %(first)s to %(last)s: %(values)s.") % {
            "label": label,
            "first": years[0],
            "last": years[-1],
            "values": "; ".join(parts),
        }
        values = tuple(None if f.total is None else float(f.total) for f in figures)
        charts.append(
            Chart(key=key, title=_("%(label)s per year") % {"label": label}, years=years, values=values, alt=alt)
        )
    return tuple(charts)


def _format(figure: Figure) -> str:
    return "–" if figure.total is None else format_value(figure.total, figure.spec.unit)


def _breakdown(figure: Figure) -> tuple[tuple[str, str], ...]:
    return tuple((str(row.label), format_value(row.value, figure.spec.unit)) for row in figure.breakdown)


def figure_block(key: str, by_year: dict[int, dict[str, Figure]], years: Iterable[int]) -> FigureBlock:
    per_year = {year: figures[key] for year, figures in by_year.items()}
    first = next(iter(per_year.values()))
    values = []
    for year in years:
        figure = per_year[year]
        previous = latest_before(per_year, year)
        values.append(
            YearValue(
                year=year,
                total=_format(figure),
                number=None if figure.total is None else float(figure.total),
                entered=figure.entered,
                comparison=compare(current=figure, previous=previous).text,
                breakdown=_breakdown(figure),
                breakdown_numbers=tuple(float(row.value) for row in figure.breakdown),
            )
        )
    return FigureBlock(
        key=key,
        label=str(first.spec.label),
        unit=str(first.spec.unit),
        rule=str(first.spec.rule),
        identifying=first.spec.identifying,
        years=tuple(values),
    )


def table_years(key: str, by_year: dict[int, dict[str, Figure]], years: list[int]) -> list[int]:
    """The columns of a breakdown table: the report's years, and for a one-year report the
    year before as well when it counted anything (the published reports put "27, 1, 2, 0, 9"
    beside last year's "28, 3, 12, 7, 8"); a year before the system adds no column of zeros."""
    previous = by_year.get(years[0] - 1, {}).get(key)
    if len(years) == 1 and previous is not None and previous.total:
        return [years[0] - 1, *years]
    return years


def breakdown_table(
    key: str, caption: str, by_year: dict[int, dict[str, Figure]], years: list[int], order: Sequence[str] = ()
) -> Table:
    """A figure's breakdown with the years side by side (the advisers' topics, oaths per group),
    rows in ``order`` (the figure's own rows: the organisation's list) whichever year has them.
    A row an entered total leaves out is unknown that year ("–"), not zero."""
    labels: dict[str, str] = {}
    values: dict[tuple[str, int], Row] = {}
    for year in years:
        for row in by_year[year][key].breakdown:
            labels.setdefault(row.key, str(row.label))
            values[(row.key, year)] = row
    unit = by_year[years[-1]][key].spec.unit
    position = {row_key: index for index, row_key in enumerate(order)}
    rows = []
    for row_key, label in sorted(labels.items(), key=lambda item: position.get(item[0], len(position))):
        cells = [
            format_value(values[(row_key, y)].value, unit)
            if (row_key, y) in values
            else ("–" if by_year[y][key].entered else "0")
            for y in years
        ]
        rows.append((label, *cells))
    totals = [_format(by_year[y][key]) for y in years]
    rows.append((_("Total"), *totals))
    counted = by_year[years[-1]][key].spec.identifying
    count_cells = tuple((r, c + 1) for r in range(len(rows) - 1) for c in range(len(years))) if counted else ()
    return Table(
        key=key,
        caption=caption,
        header=(str(by_year[years[-1]][key].spec.label), *(str(y) for y in years)),
        rows=tuple(rows),
        count_cells=count_cells,
    )


# The generated tables that are a figure's breakdown by year; the others come from the
# apps' own statistics selectors.
BREAKDOWN_TABLES = {
    "adviser_topics": "consultations.contacts",
    "oaths_per_group": "onboarding.oaths",
    "participants_per_kind": "trainings.participants",
}


def build(report: AnnualReport, *, organisation_name: str | None = None) -> Document:
    from . import tables as named_tables  # they build Tables of this module

    specs = registry.specs()
    by_year = before_use_unknown(registry.range_figures(organisation=report.organisation, years=_read_years(report)))
    years = list(report.years)
    last = report.last_year

    def resolve(placeholder: narrative.Placeholder) -> str | None:
        if placeholder.key not in specs:
            return None
        if placeholder.comparison:
            per_year = {year: figures[placeholder.key] for year, figures in by_year.items()}
            return compare(current=per_year[last], previous=latest_before(per_year, last)).text
        year = placeholder.year or last
        if year not in by_year:
            return None
        return _format(by_year[year][placeholder.key])

    sections = []
    for section in report.sections.filter(enabled=True):
        chapter = BY_KEY.get(section.key)
        figure_keys = [key for key in (chapter.figures if chapter else ()) if key in specs]
        tables = []
        for table_key in chapter.tables if chapter else ():
            figure_key = BREAKDOWN_TABLES.get(table_key)
            if figure_key is not None:
                if figure_key in specs:
                    spec = specs[figure_key]
                    columns = table_years(figure_key, by_year, years)
                    order = [row_key for row_key, _label in spec.rows(report.organisation)] if spec.rows else []
                    tables.append(breakdown_table(figure_key, str(spec.label), by_year, columns, order))
            elif table_key in named_tables.NAMED:
                table = named_tables.NAMED[table_key](report.organisation, years, by_year)
                if not table.rows and not table.note:
                    table = replace(table, note=_("Nothing was recorded for this period."))
                tables.append(table)
        sections.append(
            Section(
                key=section.key,
                title=section.title,
                blocks=narrative.blocks(narrative.fill(section.narrative, resolve)),
                figures=tuple(figure_block(key, by_year, years) for key in figure_keys),
                tables=tuple(tables),
            )
        )
    return Document(
        title=report.title,
        organisation=organisation_name or report.organisation.name,
        first_year=report.first_year,
        last_year=report.last_year,
        sections=tuple(sections),
        charts=trend_charts(by_year, last),
        colour=report.organisation.primary_colour or "",
    )


def unknown_placeholders(text: str, *, years: Iterable[int]) -> list[str]:
    """The placeholders of ``text`` that name no figure or a year outside the report."""
    specs = registry.specs()
    allowed_years = set(years)
    wrong = [
        p.source
        for p in narrative.placeholders(text)
        if p.key not in specs or (p.year is not None and p.year not in allowed_years)
    ]
    return wrong + narrative.malformed(text)


def as_dict(document: Document) -> dict[str, Any]:
    """The document as plain JSON: what an adopted report keeps, and what every output renders
    (a draft's dict is made fresh for each view, an adopted one is read from ``frozen``)."""
    data = asdict(document)
    data["years"] = list(document.years)
    for section in data["sections"]:
        for block in section["blocks"]:
            block["kind"] = "list" if "items" in block else "paragraph"
    # Tuples become lists (a draft's dict equals what a frozen one reads back), and control
    # characters pasted into a text go: Word and XLSX refuse them, and a stuck file would
    # keep an adopted report from being published.
    return json.loads(json.dumps(data), object_hook=_clean_strings)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return CONTROL.sub("", value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def _clean_strings(obj: dict[str, Any]) -> dict[str, Any]:
    return {key: _clean(value) for key, value in obj.items()}


def current(report: AnnualReport) -> dict[str, Any]:
    """What the report says now: its frozen copy once adopted, else freshly built."""
    return report.frozen if report.frozen is not None else as_dict(build(report))
