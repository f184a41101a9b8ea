"""The reports' figures of a year (issue 9, ADR 0025): every report counts in the year it was
received (Europe/Amsterdam), once, whether or not it later joined a case and whether or not its
content has been destroyed after retention (the row keeps its dates and codes). A report closed
as "not a report" (a test, spam or abuse) is not counted. One query for all figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from open_integriteit.cases.models import Outcome
from open_integriteit.figures.counting import Tally, choice_labels, entry_fields, entry_name, grouped, moment_in
from open_integriteit.figures.registry import Spec, Value

from .models import Anonymity, Channel, ClosureReason, Ground, Report, ReporterType, Status

RECEIVED = _("by the date the report was received")
NO_CATEGORY = "none"
IN_PROGRESS = "in_progress"


def grounds(organisation: Any) -> tuple[tuple[str, Any], ...]:
    """The breakdown rows of an entered total of reports: the grounds."""
    return tuple(Ground.choices)


SPECS = (
    Spec("reports.reports", _("Reports received"), RECEIVED, enterable=True, rows=grounds),
    Spec("reports.by_category", _("Reports received per category"), RECEIVED),
    Spec("reports.wbk", _("Reports of a suspected wrongdoing in the public interest (misstand)"), RECEIVED),
    Spec("reports.by_channel", _("Reports received per channel"), RECEIVED),
    Spec("reports.by_reporter", _("Reports received per kind of reporter"), RECEIVED),
    Spec("reports.by_anonymity", _("Reports received, anonymous or not"), RECEIVED),
)

# A report's handling in one class: the outcome of its case once closed, the reason it was
# closed outside a case, or still in progress.
HANDLING = {
    **choice_labels(Outcome),
    **{key: label for key, label in ClosureReason.choices if key != ClosureReason.NOT_A_REPORT},
    IN_PROGRESS: _("Still being handled"),
}


def _handling(row: dict[str, Any]) -> str:
    if row["case_link__case__outcome"]:
        return str(row["case_link__case__outcome"])
    if row["case_link__case"] is None and row["status"] == Status.CLOSED and row["closure_reason"]:
        return str(row["closure_reason"])
    return IN_PROGRESS


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    reports = Report.objects.filter(organisation=organisation, **moment_in("received_at", year)).exclude(
        closure_reason=ClosureReason.NOT_A_REPORT
    )
    category = entry_fields("category")
    rows = grouped(
        reports,
        "ground",
        "channel",
        "reporter_type",
        "anonymity",
        "status",
        "closure_reason",
        "case_link__case",
        "case_link__case__outcome",
        *category,
        "category__position",
        n=Count("pk"),
    )
    rows.sort(key=lambda row: (row["category__position"] is None, row["category__position"] or 0))
    by_ground, by_category = Tally(choice_labels(Ground)), Tally({})
    wbk, by_channel = Tally(HANDLING), Tally(choice_labels(Channel))
    by_reporter, by_anonymity = Tally(choice_labels(ReporterType)), Tally(choice_labels(Anonymity))
    for row in rows:
        n = row["n"]
        by_ground.add(row["ground"], n)
        if row[category[0]]:
            by_category.add(row[category[0]], n, entry_name(row, "category"))
        else:
            by_category.add(NO_CATEGORY, n, _("No category yet"))
        if row["ground"] == Ground.MISSTAND:
            wbk.add(_handling(row), n)
        by_channel.add(row["channel"], n)
        by_reporter.add(row["reporter_type"], n)
        by_anonymity.add(row["anonymity"], n)
    return {
        "reports.reports": by_ground.value(),
        "reports.by_category": by_category.value(),
        "reports.wbk": wbk.value(),
        "reports.by_channel": by_channel.value(),
        "reports.by_reporter": by_reporter.value(),
        "reports.by_anonymity": by_anonymity.value(),
    }
