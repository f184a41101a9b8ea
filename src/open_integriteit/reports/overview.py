"""The coordinator's overview of open deadlines, computed in the database so it pages.

Every open report has one open deadline at a time: the acknowledgement (7 days) until the
report is acknowledged, then the feedback (3 months after the acknowledgement). A report
in a case keeps its deadlines; the case has none of its own (the case list shows the most
urgent deadline of its reports).

The state of a deadline (``deadlines._state``) depends on its due date. The
acknowledgement is due a fixed time after receipt, so its states are ranges of
``received_at``. The feedback is due three *calendar* months after the acknowledgement
(``deadlines.add_months``), which the databases do not compute alike; the boundaries are
computed here, day by day around them, as ranges of ``acknowledged_at``
(``_feedback_due_before``). The states in the database are therefore
exactly those of ``deadlines.report_deadlines`` (``tests/test_overview.py`` compares
them). Within a state the rows are sorted by due date; a feedback deadline is placed by
``acknowledged_at`` + 91 days, which may place it up to two days off among
acknowledgement deadlines of the same state. The due dates shown are exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, FloatField, Func, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from .deadlines import ACKNOWLEDGEMENT_DAYS, DUE_SOON, Deadline, add_months, report_deadlines
from .models import DeadlineKind, Report, Status

STATES = ("overdue", "due_soon", "on_time")
STATE_RANK = {state: rank for rank, state in enumerate(STATES)}
FEEDBACK_SORT_DAYS = 91  # about three months; used for sorting only


def _feedback_due(acknowledged_at: dt.datetime) -> dt.datetime:
    from .deadlines import FEEDBACK_MONTHS

    return add_months(timezone.localtime(acknowledged_at), FEEDBACK_MONTHS)


def _feedback_due_before(moment: dt.datetime) -> Q:
    """The acknowledgements whose feedback is due before ``moment``, exactly.

    The feedback falls on the same local time of day, three calendar months later, and the
    31st becomes the last day of a shorter month: so it is not a plain "acknowledged before
    T" (30 and 31 August at 10:00 are both due 30 November at 10:00, later than 31 August at
    01:00). Every acknowledgement more than 95 days before ``moment`` is due before it, none
    less than 85 days before; each local day in between is decided on its own."""
    local = timezone.localtime(moment)
    zone = local.tzinfo

    def day_start(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=zone)

    first_day = (local - dt.timedelta(days=95)).date()
    intervals: list[tuple[dt.datetime | None, dt.datetime]] = [(None, day_start(first_day))]
    day = first_day
    while day <= (local - dt.timedelta(days=85)).date():
        start, end = day_start(day), day_start(day + dt.timedelta(days=1))
        due_day = _feedback_due(start).date()
        if due_day < local.date():
            intervals.append((start, end))
        elif due_day == local.date():
            intervals.append((start, min(end, dt.datetime.combine(day, local.time(), tzinfo=zone))))
        day += dt.timedelta(days=1)
    merged: list[tuple[dt.datetime | None, dt.datetime]] = []
    for begin, until in intervals:
        if merged and begin is not None and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(until, merged[-1][1]))
        else:
            merged.append((begin, until))
    condition = Q(pk__in=[])
    for begin, until in merged:
        condition |= (
            Q(acknowledged_at__lt=until) if begin is None else Q(acknowledged_at__gte=begin, acknowledged_at__lt=until)
        )
    return condition


def state_conditions(*, now: dt.datetime) -> dict[str, Q]:
    """For each state: the condition on an open report that its open deadline is in it.

    Mirrors ``deadlines._state``: overdue when ``now > due``; due soon when
    ``due - now <= DUE_SOON[kind]``; else on time."""
    ack_open = Q(acknowledged_at__isnull=True)
    ack_overdue_before = now - dt.timedelta(days=ACKNOWLEDGEMENT_DAYS)  # received before: overdue
    ack_soon_until = ack_overdue_before + DUE_SOON[DeadlineKind.ACKNOWLEDGEMENT]  # received up to: due soon
    feedback_open = Q(acknowledged_at__isnull=False)
    fb_overdue = _feedback_due_before(now)  # now > due
    fb_soon_or_overdue = _feedback_due_before(now + DUE_SOON[DeadlineKind.FEEDBACK] + dt.timedelta(microseconds=1))
    return {
        "overdue": (ack_open & Q(received_at__lt=ack_overdue_before)) | (feedback_open & fb_overdue),
        "due_soon": (ack_open & Q(received_at__gte=ack_overdue_before, received_at__lte=ack_soon_until))
        | (feedback_open & fb_soon_or_overdue & ~fb_overdue),
        "on_time": (ack_open & Q(received_at__gt=ack_soon_until)) | (feedback_open & ~fb_soon_or_overdue),
    }


class Days(Func):
    """A date-time as a number of days, plus ``offset`` days, computed by the database
    itself (Django's date-time arithmetic on SQLite calls back into Python for every row).
    Only for ordering: the origin differs per database."""

    output_field = FloatField()

    def __init__(self, expression: Any, *, offset: float = 0) -> None:
        super().__init__(expression)
        self.offset = offset

    def _compile(self, compiler: Any, template: str) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return template.format(sql=sql), [*params, self.offset]

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return self._compile(compiler, "(julianday({sql}) + %s)")

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return self._compile(compiler, "(EXTRACT(EPOCH FROM {sql}) / 86400.0 + %s)")


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
                When(acknowledged_at__isnull=True, then=Days(F("received_at"), offset=ACKNOWLEDGEMENT_DAYS)),
                default=Days(F("acknowledged_at"), offset=FEEDBACK_SORT_DAYS),
                output_field=FloatField(),
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
    qs: QuerySet[Any] = with_deadline(reports, now=now)  # annotated: lookups on the annotations
    if kind == DeadlineKind.ACKNOWLEDGEMENT:
        # Due a fixed time after receipt: the order of receipt is the order of urgency,
        # and it follows the index on ``received_at``.
        qs = qs.filter(acknowledged_at__isnull=True).order_by("received_at", "pk")
    elif kind == DeadlineKind.FEEDBACK:
        qs = qs.filter(acknowledged_at__isnull=False).order_by("deadline_rank", "acknowledged_at", "pk")
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
