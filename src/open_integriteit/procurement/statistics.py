"""The figures of procurement deviations and Bibob checks (``figures.registry``).

Rules: a deviation counts in the year of the date of the decision to deviate; a Bibob check
in the year of its date. Bibob figures of years before the system may be entered as totals
per kind (with the fields as breakdown) on the Bibob page; such a year has no records of that
kind. Three queries per call, whatever the number of records.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.registry import Row, Spec, Unit, Value, year_bounds
from open_integriteit.lists.models import ListEntry

from .models import BibobCheck, BibobField, BibobKind, BibobOutcome, Deviation, Procedure


def bibob_fields(organisation: Any) -> tuple[tuple[str, Any], ...]:
    """The breakdown rows of an entered Bibob total: the fields."""
    return tuple(BibobField.choices)


SPECS = (
    Spec(
        key="procurement.deviations",
        label=_("Deviations from the procurement rules"),
        rule=_("by the date of the decision to deviate; per reason"),
        identifying=False,
    ),
    Spec(
        key="procurement.deviations_amount",
        label=_("Amount of the deviations from the procurement rules"),
        rule=_("by the date of the decision to deviate; per procedure that should have applied"),
        unit=Unit.EUROS,
        identifying=False,
    ),
    Spec(
        key="procurement.bibob_risk_analyses",
        label=_("Bibob quick scans (risk analyses)"),
        rule=_("by the date of the quick scan, or the total entered for the year; per field"),
        enterable=True,
        identifying=False,
        rows=bibob_fields,
    ),
    Spec(
        key="procurement.bibob_investigations",
        label=_("Bibob investigations"),
        rule=_("by the date of the investigation, or the total entered for the year; per field"),
        enterable=True,
        identifying=False,
        rows=bibob_fields,
    ),
    Spec(
        key="procurement.bibob_outcomes",
        label=_("Outcomes of Bibob checks"),
        rule=_("by the date of the check (quick scans and investigations recorded one by one)"),
        identifying=False,
    ),
)

KIND_KEYS = {
    BibobKind.RISK_ANALYSIS: "procurement.bibob_risk_analyses",
    BibobKind.INVESTIGATION: "procurement.bibob_investigations",
}


def _rows(counts: Counter[str], labels: dict[str, Any]) -> tuple[Row, ...]:
    """Rows in the order of ``labels`` (the choices), only those with a number."""
    return tuple(Row(key=key, label=label, value=counts[key]) for key, label in labels.items() if counts[key])


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    start, end = year_bounds(year)
    result: dict[str, Value] = {}

    deviations = Deviation.objects.filter(organisation=organisation, date__gte=start, date__lt=end)
    per_reason = list(deviations.values("reason").annotate(n=Count("pk")).order_by())
    if per_reason:
        entries = ListEntry.objects.in_bulk([row["reason"] for row in per_reason])
        ordered = sorted(per_reason, key=lambda row: (entries[row["reason"]].position, row["reason"]))
        result["procurement.deviations"] = Value(
            total=sum(row["n"] for row in per_reason),
            breakdown=tuple(
                Row(key=entries[row["reason"]].code, label=entries[row["reason"]].name, value=row["n"])
                for row in ordered
            ),
        )
        amounts = {
            row["procedure"]: row["amount"]
            for row in deviations.values("procedure").annotate(amount=Sum("amount")).order_by()
        }
        result["procurement.deviations_amount"] = Value(
            total=sum(amounts.values(), Decimal(0)),
            breakdown=tuple(
                Row(key=value, label=label, value=amounts[value])
                for value, label in Procedure.choices
                if value in amounts
            ),
        )

    checks = (
        BibobCheck.objects.filter(organisation=organisation, date__gte=start, date__lt=end)
        .values("kind", "field", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_kind: dict[str, Counter[str]] = {kind: Counter() for kind in KIND_KEYS}
    outcomes: Counter[str] = Counter()
    for row in checks:
        per_kind[row["kind"]][row["field"]] += row["n"]
        outcomes[row["outcome"]] += row["n"]
    fields = dict(BibobField.choices)
    for kind, key in KIND_KEYS.items():
        if per_kind[kind]:
            result[key] = Value(total=sum(per_kind[kind].values()), breakdown=_rows(per_kind[kind], fields))
    if outcomes:
        result["procurement.bibob_outcomes"] = Value(
            total=sum(outcomes.values()), breakdown=_rows(outcomes, dict(BibobOutcome.choices))
        )
    return result
