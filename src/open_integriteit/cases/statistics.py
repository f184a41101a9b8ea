"""The cases' figures of a year (issue 9, ADR 0025). A case counts in ``cases.opened`` in the
year it was opened and in ``cases.closed`` (with its findings, measures and costs) in the year
it was last closed: a case opened in December and closed in January is in both years, once
each. What is counted survives retention: a destroyed case keeps its dates, codes, the
outcome of each finding and the kind of each measure (``cases.retention``), so it still counts.
Three queries for all figures, whatever the number of cases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import (
    Tally,
    as_number,
    choice_labels,
    entry_fields,
    entry_name,
    grouped,
    moment_in,
)
from open_integriteit.figures.registry import Spec, Unit, Value
from open_integriteit.reports.models import Ground

from .models import Case, Decision, Finding, FindingOutcome, InvestigatedBy, Measure, MeasureKind, Origin, Outcome

OPENED = _("by the date the case was opened")
CLOSED = _("by the date the case was closed")
IN_PROGRESS = "in_progress"
NO_CATEGORY = "none"

SPECS = (
    Spec("cases.opened", _("Cases opened"), OPENED),
    Spec("cases.opened_by_category", _("Cases opened per category"), OPENED),
    Spec("cases.closed", _("Cases closed"), CLOSED),
    Spec("cases.outcomes", _("Cases closed per outcome"), CLOSED),
    Spec("cases.findings", _("Findings of the cases closed"), CLOSED),
    Spec("cases.decisions", _("Decisions of the principal (investigate or not)"), _("by the date of the decision")),
    Spec("cases.measures", _("Measures taken in the cases closed"), CLOSED),
    Spec("cases.external_bureau", _("Cases investigated by an external bureau"), OPENED, identifying=False),
    Spec("cases.external_costs", _("Costs of external support"), CLOSED, unit=Unit.EUROS, identifying=False),
    Spec(
        "cases.retaliation_claims",
        _("Requests for an investigation of retaliation of a reporter"),
        _("by the date of the request"),
    ),
    Spec(
        "cases.retaliation_decisions",
        _("Decisions on the requests for an investigation of retaliation"),
        _("by the date of the request"),
    ),
)

OUTCOMES = {**choice_labels(Outcome), IN_PROGRESS: _("Still being handled")}
UNDECIDED = {"": _("Not decided yet")}


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    cases = Case.objects.filter(organisation=organisation)
    category = entry_fields("category")
    opened_in, closed_in, decided_in = (
        Q(**moment_in(field, year)) for field in ("created_at", "closed_at", "decision_at")
    )
    # One pass over the cases of the year, whichever of the three dates puts them in it.
    rows = grouped(
        cases.filter(opened_in | closed_in | decided_in).annotate(
            was_opened=ExpressionWrapper(opened_in, output_field=BooleanField()),
            was_closed=ExpressionWrapper(closed_in, output_field=BooleanField()),
            was_decided=ExpressionWrapper(decided_in, output_field=BooleanField()),
        ),
        "was_opened",
        "was_closed",
        "was_decided",
        "ground",
        "origin",
        "outcome",
        "decision",
        "investigated_by",
        "external_bureau",
        *category,
        "category__position",
        n=Count("pk"),
        costs=Sum("external_costs"),
    )
    rows.sort(key=lambda row: (row["category__position"] is None, row["category__position"] or 0))
    opened_rows = [row for row in rows if row["was_opened"]]
    closed_rows = [row for row in rows if row["was_closed"]]
    decision_rows = [row for row in rows if row["was_decided"]]
    closed = cases.filter(closed_in)
    finding_rows = grouped(Finding.objects.filter(allegation__case__in=closed), "outcome", n=Count("pk"))
    measure_rows = grouped(Measure.objects.filter(case__in=closed), "kind", n=Count("pk"))

    opened, by_category = Tally(choice_labels(Ground)), Tally({})
    bureau, retaliation = Tally({}), Tally(OUTCOMES)
    retaliation_decisions = Tally({**choice_labels(Decision), **UNDECIDED})
    for row in opened_rows:
        n = row["n"]
        opened.add(row["ground"], n)
        if row[category[0]]:
            by_category.add(row[category[0]], n, entry_name(row, "category"))
        else:
            by_category.add(NO_CATEGORY, n, _("No category yet"))
        if row["investigated_by"] == InvestigatedBy.EXTERNAL:
            name = row["external_bureau"] or ""
            bureau.add(name, n, name or _("Bureau not named"))
        if row["origin"] == Origin.RETALIATION:
            retaliation.add(row["outcome"] or IN_PROGRESS, n)
            retaliation_decisions.add(row["decision"], n)
    closed_by_ground, outcomes = Tally(choice_labels(Ground)), Tally(OUTCOMES)
    costs = 0
    for row in closed_rows:
        closed_by_ground.add(row["ground"], row["n"])
        outcomes.add(row["outcome"] or IN_PROGRESS, row["n"])
        costs += row["costs"] or 0
    decisions = Tally(choice_labels(Decision))
    for row in decision_rows:
        if row["decision"]:
            decisions.add(row["decision"], row["n"])
    findings, measures = Tally(choice_labels(FindingOutcome)), Tally(choice_labels(MeasureKind))
    for row in finding_rows:
        findings.add(row["outcome"], row["n"])
    for row in measure_rows:
        measures.add(row["kind"], row["n"])
    return {
        "cases.opened": opened.value(),
        "cases.opened_by_category": by_category.value(),
        "cases.closed": closed_by_ground.value(),
        "cases.outcomes": outcomes.value(),
        "cases.findings": findings.value(),
        "cases.decisions": decisions.value(),
        "cases.measures": measures.value(),
        "cases.external_bureau": bureau.value(),
        "cases.external_costs": Value(total=as_number(costs)),
        "cases.retaliation_claims": retaliation.value(),
        "cases.retaliation_decisions": retaliation_decisions.value(),
    }


# --- The cases table of the annual report (issue 10) ------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    """One row of the council's table of cases, as the Zuid-Holland reports print it."""

    reference: str
    year: int
    principal: str
    description: str
    object: str
    findings: str
    consequence: str
    bureau: str


def _closed_or_summarised(organisation: Any, year: int) -> QuerySet[Case]:
    """The cases of a year's table: closed in that year, or with a summary dated that year.
    A destroyed case keeps its summary (``cases.retention``) and stays in the table."""
    in_year = Q(**moment_in("closed_at", year)) | Q(summary_year=year)
    return Case.objects.filter(organisation=organisation).filter(in_year)


def council_summaries(*, organisation: Any, year: int) -> list[SummaryRow]:
    """The final council summaries of the year's cases, oldest first (one query)."""
    cases = (
        _closed_or_summarised(organisation, year)
        .filter(summary_final_at__isnull=False)
        .order_by(F("closed_at").asc(nulls_last=True), "pk")
    )
    return [
        SummaryRow(
            reference=case.reference,
            year=case.summary_year or year,
            principal=case.summary_principal,
            description=case.summary_description,
            object=case.summary_object,
            findings=case.summary_findings,
            consequence=case.summary_consequence,
            bureau=case.summary_bureau,
        )
        for case in cases
    ]


def summaries_not_final(*, organisation: Any, year: int) -> list[str]:
    """References of the year's cases whose council summary is not final yet: they block the
    adoption of the annual report until the coordinator finishes them."""
    cases = (
        _closed_or_summarised(organisation, year)
        .filter(summary_final_at__isnull=True)
        .order_by(F("closed_at").asc(nulls_last=True), "pk")
    )
    return list(cases.values_list("reference", flat=True))
