"""The legal deadlines of a report (Wbk): acknowledgement within 7 days, feedback within 3 months."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DeadlineKind, Report

ACKNOWLEDGEMENT_DAYS = 7
FEEDBACK_MONTHS = 3
# How long before the due date a deadline counts as "due soon", and when reminders go out.
DUE_SOON: dict[str, dt.timedelta] = {
    DeadlineKind.ACKNOWLEDGEMENT: dt.timedelta(days=2),
    DeadlineKind.FEEDBACK: dt.timedelta(days=14),
}
REMINDER_THRESHOLDS: dict[str, dict[str, dt.timedelta]] = {
    DeadlineKind.ACKNOWLEDGEMENT: {"3d": dt.timedelta(days=3), "1d": dt.timedelta(days=1)},
    DeadlineKind.FEEDBACK: {"14d": dt.timedelta(days=14), "3d": dt.timedelta(days=3)},
}
OVERDUE = "overdue"  # the one reminder after the due date has passed

STATE_LABELS = {
    "on_time": _("on time"),
    "due_soon": _("due soon"),
    "overdue": _("overdue"),
    "met": _("met"),
    "met_late": _("met late"),
}


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """Calendar months; the 31st becomes the last day of a shorter month."""
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class Deadline:
    kind: str
    due_at: dt.datetime
    met_at: dt.datetime | None
    state: str

    @property
    def label(self) -> str:
        return str(DeadlineKind(self.kind).label)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def is_open(self) -> bool:
        return self.met_at is None


def _state(kind: str, due_at: dt.datetime, met_at: dt.datetime | None, now: dt.datetime) -> str:
    if met_at is not None:
        return "met" if met_at <= due_at else "met_late"
    if now > due_at:
        return "overdue"
    if due_at - now <= DUE_SOON[kind]:
        return "due_soon"
    return "on_time"


def acknowledgement_due(report: Report) -> dt.datetime:
    return report.received_at + dt.timedelta(days=ACKNOWLEDGEMENT_DAYS)


def feedback_due(report: Report) -> dt.datetime:
    start = report.acknowledged_at or acknowledgement_due(report)
    return add_months(timezone.localtime(start), FEEDBACK_MONTHS)


def report_deadlines(report: Report, *, now: dt.datetime | None = None) -> list[Deadline]:
    now = now or timezone.now()
    ack_due = acknowledgement_due(report)
    fb_due = feedback_due(report)
    return [
        Deadline(
            DeadlineKind.ACKNOWLEDGEMENT,
            ack_due,
            report.acknowledged_at,
            _state(DeadlineKind.ACKNOWLEDGEMENT, ack_due, report.acknowledged_at, now),
        ),
        Deadline(
            DeadlineKind.FEEDBACK,
            fb_due,
            report.feedback_at,
            _state(DeadlineKind.FEEDBACK, fb_due, report.feedback_at, now),
        ),
    ]


def reminders_due(deadline: Deadline, *, now: dt.datetime) -> list[str]:
    """The reminders whose window is open at ``now`` (ADR 0007).

    A threshold applies while ``due − threshold ≤ now ≤ due``; once the due date has passed
    only ``OVERDUE`` applies. A met deadline needs no reminder.
    """
    if not deadline.is_open:
        return []
    if now > deadline.due_at:
        return [OVERDUE]
    return [name for name, before in REMINDER_THRESHOLDS[deadline.kind].items() if deadline.due_at - before <= now]


def reminder_due(deadline: Deadline, *, now: dt.datetime) -> str | None:
    """The one reminder to send now: the most urgent open window. The windows nest, so a
    run never sends a deadline's "3 days" and "1 day" mails together (ADR 0007)."""
    due = reminders_due(deadline, now=now)
    if not due or due == [OVERDUE]:
        return due[0] if due else None
    return min(due, key=lambda name: REMINDER_THRESHOLDS[deadline.kind][name])
