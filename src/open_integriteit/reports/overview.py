"""The coordinator's overview of open deadlines, computed in the database so it pages.

Every open report has one open deadline at a time: the acknowledgement (7 days) until the
report is acknowledged, then the feedback (3 months after the acknowledgement). A report
in a case keeps its deadlines; the case has none of its own (the case list shows the most
urgent deadline of its reports).

The state of a deadline (``deadlines._state``) depends on its due date. The
acknowledgement is due a fixed time after receipt, so its states are ranges of
``received_at``. The feedback is due three *calendar* months after the acknowledgement
(``deadlines.add_months``), which the databases do not compute alike; but the due date
grows with the acknowledgement date, so each state boundary is one instant of
``acknowledged_at``, found here by bisection. The states in the database are therefore
exactly those of ``deadlines.report_deadlines`` (``tests/test_overview.py`` compares
them). Within a state the rows are sorted by due date; a feedback deadline is placed by
``acknowledged_at`` + 91 days, which may place it up to two days off among
acknowledgement deadlines of the same state. The due dates shown are exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, DateTimeField, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from .deadlines import ACKNOWLEDGEMENT_DAYS, DUE_SOON, Deadline, add_months, report_deadlines
from .models import DeadlineKind, Report, Status

STATES = ("overdue", "due_soon", "on_time")
STATE_RANK = {state: rank for rank, state in enumerate(STATES)}
FEEDBACK_SORT_OFFSET = dt.timedelta(days=91)  # about three months; used for sorting only


def _feedback_due(acknowledged_at: dt.datetime) -> dt.datetime:
    from .deadlines import FEEDBACK_MONTHS

    return add_months(timezone.localtime(acknowledged_at), FEEDBACK_MONTHS)


def _first_acknowledgement_due_after(moment: dt.datetime) -> dt.datetime:
    """The earliest acknowledgement instant whose feedback is due after ``moment``: the
    feedback of an acknowledgement before it is due at or before ``moment``."""
    low = moment - dt.timedelta(days=100)  # three months are 89 to 92 days, plus a summer hour
    high = moment - dt.timedelta(days=85)
    step = dt.timedelta(microseconds=1)
    while high - low > step:
        middle = low + (high - low) / 2
        if _feedback_due(middle) > moment:
            high = middle
        else:
            low = middle
    return high


def state_conditions(*, now: dt.datetime) -> dict[str, Q]:
    """For each state: the condition on an open report that its open deadline is in it.

    Mirrors ``deadlines._state``: overdue when ``now > due``; due soon when
    ``due - now <= DUE_SOON[kind]``; else on time."""
    ack_open = Q(acknowledged_at__isnull=True)
    ack_overdue_before = now - dt.timedelta(days=ACKNOWLEDGEMENT_DAYS)  # received before: overdue
    ack_soon_until = ack_overdue_before + DUE_SOON[DeadlineKind.ACKNOWLEDGEMENT]  # received up to: due soon
    feedback_open = Q(acknowledged_at__isnull=False)
    # due < now  <=>  acknowledged before the first instant whose feedback is due at or after now
    fb_overdue_before = _first_acknowledgement_due_after(now - dt.timedelta(microseconds=1))
    fb_soon_before = _first_acknowledgement_due_after(now + DUE_SOON[DeadlineKind.FEEDBACK])
    return {
        "overdue": (ack_open & Q(received_at__lt=ack_overdue_before))
        | (feedback_open & Q(acknowledged_at__lt=fb_overdue_before)),
        "due_soon": (ack_open & Q(received_at__gte=ack_overdue_before, received_at__lte=ack_soon_until))
        | (feedback_open & Q(acknowledged_at__gte=fb_overdue_before, acknowledged_at__lt=fb_soon_before)),
        "on_time": (ack_open & Q(received_at__gt=ack_soon_until))
        | (feedback_open & Q(acknowledged_at__gte=fb_soon_before)),
    }


def open_deadline_reports(reports: QuerySet[Report]) -> QuerySet[Report]:
    """The reports among ``reports`` with an open deadline: not closed, no feedback yet."""
    return reports.exclude(status=Status.CLOSED).filter(feedback_at__isnull=True)


def with_deadline(reports: QuerySet[Report], *, now: dt.datetime) -> QuerySet[Report]:
    """Annotate ``deadline_kind``, ``deadline_rank`` (0 overdue, 1 due soon, 2 on time) and
    ``deadline_sort`` (the due date, approximate for feedback), most urgent first."""
    conditions = state_conditions(now=now)
    return (
        open_deadline_reports(reports)
        .annotate(
            deadline_kind=Case(
                When(acknowledged_at__isnull=True, then=Value(DeadlineKind.ACKNOWLEDGEMENT.value)),
                default=Value(DeadlineKind.FEEDBACK.value),
            ),
            deadline_rank=Case(
                *(When(conditions[state], then=Value(rank)) for state, rank in STATE_RANK.items()),
                default=Value(len(STATES)),
                output_field=IntegerField(),
            ),
            deadline_sort=Case(
                When(
                    acknowledged_at__isnull=True,
                    then=ExpressionWrapper(
                        F("received_at") + dt.timedelta(days=ACKNOWLEDGEMENT_DAYS), output_field=DateTimeField()
                    ),
                ),
                default=ExpressionWrapper(F("acknowledged_at") + FEEDBACK_SORT_OFFSET, output_field=DateTimeField()),
                output_field=DateTimeField(),
            ),
        )
        .order_by("deadline_rank", "deadline_sort", "pk")
    )


def filter_deadlines(
    reports: QuerySet[Report],
    *,
    now: dt.datetime,
    kind: str = "",
    state: str = "",
    handler: Any = None,
) -> QuerySet[Report]:
    """The open deadlines of ``reports``, filtered by kind, state ("overdue", "due_soon" —
    which includes overdue, as a worklist would — or "on_time") and handler."""
    qs = with_deadline(reports, now=now)
    if kind == DeadlineKind.ACKNOWLEDGEMENT:
        qs = qs.filter(acknowledged_at__isnull=True)
    elif kind == DeadlineKind.FEEDBACK:
        qs = qs.filter(acknowledged_at__isnull=False)
    if state == "overdue":
        qs = qs.filter(deadline_rank=0)
    elif state == "due_soon":
        qs = qs.filter(deadline_rank__lte=1)
    elif state == "on_time":
        qs = qs.filter(deadline_rank=2)
    if handler is not None:
        qs = qs.filter(Q(assignments__user=handler) | Q(case_link__case__assignments__user=handler)).distinct()
    return qs


def deadline_counts(reports: QuerySet[Report], *, now: dt.datetime) -> dict[str, dict[str, int]]:
    """Counts per kind and state in one query: ``{kind: {state: n}}`` plus a ``total`` kind."""
    conditions = state_conditions(now=now)
    kinds = {
        DeadlineKind.ACKNOWLEDGEMENT.value: Q(acknowledged_at__isnull=True),
        DeadlineKind.FEEDBACK.value: Q(acknowledged_at__isnull=False),
    }
    aggregates = {
        f"{kind}__{state}": Count("pk", filter=kind_q & conditions[state])
        for kind, kind_q in kinds.items()
        for state in STATES
    }
    result = open_deadline_reports(reports).aggregate(**aggregates)
    counts = {kind: {state: int(result[f"{kind}__{state}"]) for state in STATES} for kind in kinds}
    counts["total"] = {state: sum(counts[kind][state] for kind in kinds) for state in STATES}
    return counts


@dataclass(frozen=True)
class DeadlineRow:
    report: Report
    deadline: Deadline


def deadline_rows(reports: list[Report] | QuerySet[Report], *, now: dt.datetime) -> list[DeadlineRow]:
    """The open deadline of each report, exact (for the rows of one page)."""
    rows = []
    for report in reports:
        deadline = next((d for d in report_deadlines(report, now=now) if d.is_open), None)
        if deadline is not None:
            rows.append(DeadlineRow(report=report, deadline=deadline))
    return rows
