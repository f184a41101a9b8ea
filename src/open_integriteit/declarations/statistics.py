"""The declaration registers' figures of a year (issue 9, ADR 0025): a side job counts in the
year its decider decided on it (the decision's moment in its history, so an approval that
ended later still counts, as an approval), a gift in the year it was received. Drafts and
withdrawn declarations are not counted. Two queries for all figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import Tally, choice_labels, date_in, grouped, moment_in
from open_integriteit.figures.registry import Spec, Value

from .models import Declaration, DeclarationEvent, GiftDestination, Kind
from .workflow import State

DECIDED = _("by the date of the decision")

SPECS = (
    Spec("declarations.side_jobs", _("Side jobs approved"), DECIDED),
    Spec("declarations.side_job_decisions", _("Decisions on side jobs"), DECIDED),
    Spec("declarations.gifts", _("Gifts and invitations declared"), _("by the date the gift was received")),
)

# The decision transitions of the table, and what they decided.
DECISIONS = {"approve": State.APPROVED, "approve_restricted": State.RESTRICTED, "refuse": State.REFUSED}
APPROVALS = frozenset({"approve", "approve_restricted"})
PAID = {"paid": _("Paid"), "unpaid": _("Unpaid"), "unknown": _("Not stated whether paid")}
NOT_RECORDED = "not_recorded"
# A gift counts once declared and not withdrawn (a draft was never declared).
COUNTED = sorted(set(State.values) - {State.DRAFT, State.WITHDRAWN})


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    decisions = grouped(
        DeclarationEvent.objects.filter(
            declaration__organisation=organisation,
            declaration__kind=Kind.SIDE_JOB,
            transition__in=list(DECISIONS),
            **moment_in("at", year),
        ),
        "transition",
        "declaration__paid",
        n=Count("pk"),
    )
    gifts = grouped(
        Declaration.objects.filter(
            organisation=organisation, kind=Kind.GIFT, state__in=COUNTED, **date_in("received_on", year)
        ),
        "destination",
        n=Count("pk"),
    )
    approved, decided = Tally(PAID), Tally({str(state): State(state).label for state in DECISIONS.values()})
    for row in decisions:
        decided.add(DECISIONS[row["transition"]], row["n"])
        if row["transition"] in APPROVALS:
            paid = row["declaration__paid"]
            approved.add("unknown" if paid is None else "paid" if paid else "unpaid", row["n"])
    destinations = Tally({**choice_labels(GiftDestination), NOT_RECORDED: _("Destination not recorded yet")})
    for row in gifts:
        destinations.add(row["destination"] or NOT_RECORDED, row["n"])
    return {
        "declarations.side_jobs": approved.value(),
        "declarations.side_job_decisions": decided.value(),
        "declarations.gifts": destinations.value(),
    }
