"""The named tables of the report (issue 10), each read from an app's statistics selectors
(never from a query of the report's own): the council's table of cases, the rules and codes
in force, the action points, the survey indicators and the registers in numbers. The
breakdown tables (advisers' topics, oaths per group) are made in ``document`` from figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from open_integriteit.cases import statistics as case_statistics
from open_integriteit.core.formatting import short_date
from open_integriteit.figures.registry import Figure
from open_integriteit.indicators import statistics as indicator_statistics
from open_integriteit.programme import statistics as programme_statistics
from open_integriteit.regulations import statistics as regulation_statistics

from .comparisons import format_value
from .document import Table

# The register figures of "registers in numbers", by the apps that keep registers.
REGISTER_APPS = ("declarations.", "people.", "onboarding.integrity_statements", "onboarding.certificates_of_conduct")


def cases(organisation: Any, years: list[int], by_year: dict[int, dict[str, Figure]]) -> Table:
    header = (
        _("Year"),
        _("Principal"),
        _("Description"),
        _("Object of investigation"),
        _("Findings"),
        _("Consequence"),
        _("External bureau"),
    )
    rows = []
    pending: list[str] = []
    for year in years:
        for row in case_statistics.council_summaries(organisation=organisation, year=year):
            rows.append(
                (
                    str(row.year),
                    row.principal,
                    row.description,
                    row.object,
                    row.findings,
                    row.consequence,
                    row.bureau or _("n/a"),
                )
            )
        pending.extend(case_statistics.summaries_not_final(organisation=organisation, year=year))
    note = ""
    if pending:
        note = _("Summary not yet final (this blocks adoption): %(references)s.") % {"references": ", ".join(pending)}
    elif not rows:
        note = _("No investigations were concluded in this period.")
    return Table(key="cases", caption=_("Overview of the cases"), header=header, rows=tuple(rows), note=note)


def pending_summaries(organisation: Any, years: list[int]) -> list[str]:
    return [ref for year in years for ref in case_statistics.summaries_not_final(organisation=organisation, year=year)]


def regulations(organisation: Any, years: list[int], by_year: dict[int, dict[str, Figure]]) -> Table:
    header = (_("Rule or code"), _("Kind"), _("For whom"), _("Adopted by"), _("Adopted on"), _("Decision reference"))
    rows = tuple(
        (r.title, r.kind_label, r.audience, r.adopted_by_label, short_date(r.adopted_on), r.decision_reference or "–")
        for r in regulation_statistics.in_force(organisation=organisation, year=years[-1])
        if r.public  # a published report lists only what the organisation publishes itself
    )
    caption = _("Rules and codes in force on 31 December %(year)s") % {"year": years[-1]}
    return Table(key="regulations", caption=caption, header=header, rows=rows)


def programme(organisation: Any, years: list[int], by_year: dict[int, dict[str, Figure]]) -> Table:
    """The action points of the report's years with their outcome, then next year's plan."""
    header = (_("Action point"), _("Year"), _("Owner"), _("Status"), _("Outcome"))
    rows = []
    for year in [*years, years[-1] + 1]:
        for action in programme_statistics.actions(organisation=organisation, year=year):
            status = action.status_label
            if action.carried_to_year:
                status = _("%(status)s, carried to %(year)s") % {"status": status, "year": action.carried_to_year}
            rows.append((action.title, str(year), action.owner or "–", status, action.outcome or "–"))
    caption = _("Action points %(first)s–%(next)s") % {"first": years[0], "next": years[-1] + 1}
    return Table(key="programme", caption=caption, header=header, rows=tuple(rows))


def indicators(organisation: Any, years: list[int], by_year: dict[int, dict[str, Figure]]) -> Table:
    header = (_("Indicator"), _("Year"), _("Value"), _("Source"), _("Compared with the previous measurement"))
    rows = []
    for year in years:
        for row in indicator_statistics.indicators(organisation=organisation, year=year):
            rows.append((row.name, str(year), format_value(row.value, row.unit), row.source or "–", row.comparison))
    return Table(key="indicators", caption=_("Staff survey indicators"), header=header, rows=tuple(rows))


def registers(organisation: Any, years: list[int], by_year: dict[int, dict[str, Figure]]) -> Table:
    """The registers in numbers: each register figure with the years side by side."""
    last = by_year[years[-1]]
    keys = [key for key in last if key.startswith(REGISTER_APPS)]
    rows = tuple(
        (
            str(last[key].spec.label),
            *(format_value(by_year[y][key].total or 0, by_year[y][key].spec.unit) for y in years),
        )
        for key in keys
    )
    header = (_("Register"), *(str(year) for year in years))
    return Table(key="registers", caption=_("The registers in numbers"), header=header, rows=rows)


NAMED: dict[str, Callable[[Any, list[int], dict[int, dict[str, Figure]]], Table]] = {
    "cases": cases,
    "regulations": regulations,
    "programme": programme,
    "indicators": indicators,
    "registers": registers,
}
