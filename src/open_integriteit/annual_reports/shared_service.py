"""The overview of a shared service (DOMAIN.md §1, §4.8): counts only, per organisation it
serves and per year, from the statistics registry (``figures.registry.year_figures``), never
case content, with the annual report's small-count guard.

The suppression rule, so that no small count can be read or worked out:

1. A cell above zero but below its organisation's threshold (``privacy.threshold_of``,
   default 5) is shown as "< 5", not as the number.
2. A total (of an organisation over the years, of a year over the organisations, and the
   grand total) is shown only when none of the cells it adds up is hidden; otherwise it is
   hidden too. With one hidden cell in a row, the row's total minus the other cells would
   give it away; hiding every total over a hidden cell means what is shown can be worked
   out from the shown cells alone, so it tells nothing about a hidden one.

A year in which the service did not serve the organisation (``ServedOrganisation.since`` /
``until``) is empty and counts for no total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from open_integriteit.figures import registry
from open_integriteit.figures.formatting import plain_number

from .privacy import threshold_of

# The figures a shared service sees: reports, cases, confidential advisers, advice, trainings, oaths.
KEYS = (
    "reports.reports",
    "cases.opened",
    "cases.closed",
    "consultations.contacts",
    "advice.requests",
    "trainings.participants",
    "onboarding.oaths",
)


@dataclass(frozen=True)
class Cell:
    value: int | None  # None: not served that year
    threshold: int
    hidden: bool = False

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        if self.hidden:
            # A total over a hidden cell may itself be large: it is not shown either.
            return f"< {self.threshold}" if 0 < self.value < self.threshold else _("hidden")
        return plain_number(self.value)


@dataclass(frozen=True)
class Line:
    label: str
    cells: tuple[Cell, ...]
    total: Cell


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    years: tuple[int, ...]
    lines: tuple[Line, ...]
    totals: tuple[Cell, ...]  # per year, and the grand total last


def _cell(value: int | None, threshold: int) -> Cell:
    return Cell(value, threshold, hidden=value is not None and 0 < value < threshold)


def _total(cells: list[Cell]) -> Cell:
    """The sum of the served cells; hidden when one of them is (rule 2)."""
    values = [c.value for c in cells if c.value is not None]
    threshold = max((c.threshold for c in cells), default=0)
    if not values:
        return Cell(None, threshold)
    return Cell(sum(values), threshold, hidden=any(c.hidden for c in cells))


def tables(*, links: list[Any], years: list[int]) -> list[Table]:
    """One table per figure: a line per served organisation, a column per year, with totals."""
    specs = registry.specs()
    keys = [key for key in KEYS if key in specs]
    counts: dict[tuple[int, int], dict[str, registry.Figure]] = {}
    for link in links:
        for year in years:
            if link.serves_in(year):
                counts[link.organisation_id, year] = registry.year_figures(
                    organisation=link.organisation, year=year, keys=keys
                )
    thresholds = {link.organisation_id: threshold_of(link.organisation_id) for link in links}
    result = []
    for key in keys:
        grid = [
            [
                _cell(
                    int(counts[link.organisation_id, year][key].total or 0)
                    if (link.organisation_id, year) in counts
                    else None,
                    thresholds[link.organisation_id],
                )
                for year in years
            ]
            for link in links
        ]
        lines = tuple(
            Line(label=link.organisation.name, cells=tuple(row), total=_total(row))
            for link, row in zip(links, grid, strict=True)
        )
        columns = [_total([row[i] for row in grid]) for i in range(len(years))]
        grand = _total([cell for row in grid for cell in row])
        result.append(
            Table(key=key, caption=str(specs[key].label), years=tuple(years), lines=lines, totals=(*columns, grand))
        )
    return result
