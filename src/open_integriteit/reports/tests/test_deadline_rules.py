"""The legal deadlines as exact rules (Wbk, ADR 0007), without the database.

``make mutation`` runs these against every mutant of ``reports/deadlines.py``, so each rule
is pinned at its boundary: exactly at the due date is on time and one microsecond later is
late; months are counted on the Dutch calendar, across summer time and month ends.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from open_integriteit.reports.deadlines import (
    OVERDUE,
    Deadline,
    add_months,
    feedback_due,
    reminders_due,
    report_deadlines,
)
from open_integriteit.reports.models import DeadlineKind, Report

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
ACK, FEEDBACK = DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.FEEDBACK
TICK = dt.timedelta(microseconds=1)


def at(*args: int) -> dt.datetime:
    """A moment on the Dutch wall clock."""
    return dt.datetime(*args, tzinfo=AMSTERDAM)


def deadlines(report: Report, now: dt.datetime) -> dict[str, Deadline]:
    return {d.kind: d for d in report_deadlines(report, now=now)}


def states(report: Report, now: dt.datetime) -> dict[str, str]:
    return {kind: d.state for kind, d in deadlines(report, now).items()}


RECEIVED = at(2026, 1, 15, 10, 0)
ACK_DUE = at(2026, 1, 22, 10, 0)


# --- acknowledgement: 7 days ----------------------------------------------------------


def test_acknowledgement_is_due_seven_days_after_receipt():
    ack = deadlines(Report(received_at=RECEIVED), now=RECEIVED)[ACK]
    assert ack.due_at == ACK_DUE
    assert (ack.kind, ack.met_at, ack.is_open) == (ACK, None, True)


def test_acknowledging_exactly_at_the_deadline_is_on_time_and_a_microsecond_later_is_late():
    assert states(Report(received_at=RECEIVED, acknowledged_at=ACK_DUE), now=ACK_DUE)[ACK] == "met"
    late = Report(received_at=RECEIVED, acknowledged_at=ACK_DUE + TICK)
    assert states(late, now=ACK_DUE + TICK)[ACK] == "met_late"
    ack = deadlines(late, now=ACK_DUE)[ACK]
    assert ack.met_at == ACK_DUE + TICK and not ack.is_open


def test_an_open_acknowledgement_is_overdue_one_microsecond_after_the_deadline_not_at_it():
    report = Report(received_at=RECEIVED)
    assert states(report, now=ACK_DUE)[ACK] == "due_soon"
    assert states(report, now=ACK_DUE + TICK)[ACK] == "overdue"


def test_acknowledgement_is_due_soon_from_two_days_before():
    report = Report(received_at=RECEIVED)
    two_days_before = ACK_DUE - dt.timedelta(days=2)
    assert states(report, now=two_days_before - TICK)[ACK] == "on_time"
    assert states(report, now=two_days_before)[ACK] == "due_soon"


# --- feedback: 3 calendar months --------------------------------------------------------


def test_feedback_is_due_three_calendar_months_after_the_acknowledgement():
    report = Report(received_at=RECEIVED, acknowledged_at=at(2026, 1, 16, 9, 30))
    fb = deadlines(report, now=RECEIVED)[FEEDBACK]
    assert fb.due_at == at(2026, 4, 16, 9, 30)
    assert (fb.kind, fb.met_at, fb.is_open) == (FEEDBACK, None, True)


def test_without_acknowledgement_feedback_is_due_three_months_after_the_seven_days():
    assert feedback_due(Report(received_at=RECEIVED)) == at(2026, 4, 22, 10, 0)


def test_a_late_acknowledgement_moves_the_feedback_deadline():
    report = Report(received_at=RECEIVED, acknowledged_at=at(2026, 2, 3, 14, 0))
    assert feedback_due(report) == at(2026, 5, 3, 14, 0)


def test_months_are_counted_on_the_dutch_wall_clock_across_summer_time():
    # 10:00 in winter (09:00 UTC) plus three months is 10:00 in summer (08:00 UTC).
    report = Report(received_at=RECEIVED, acknowledged_at=dt.datetime(2026, 1, 16, 9, 0, tzinfo=UTC))
    due = feedback_due(report)
    assert due == at(2026, 4, 16, 10, 0) == dt.datetime(2026, 4, 16, 8, 0, tzinfo=UTC)
    # And back: 10:00 in summer (08:00 UTC) becomes 10:00 in winter (09:00 UTC).
    summer = Report(received_at=RECEIVED, acknowledged_at=dt.datetime(2026, 9, 1, 8, 0, tzinfo=UTC))
    assert feedback_due(summer) == dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_months_are_counted_from_the_dutch_date_not_the_utc_date():
    # 31 January 23:30 UTC is already 1 February on the Dutch calendar.
    report = Report(received_at=RECEIVED, acknowledged_at=dt.datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    assert feedback_due(report) == at(2026, 5, 1, 0, 30)


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        ((2026, 1, 15), 3, (2026, 4, 15)),
        ((2026, 5, 31), 3, (2026, 8, 31)),
        ((2026, 8, 31), 3, (2026, 11, 30)),
        ((2026, 11, 30), 3, (2027, 2, 28)),
        ((2027, 11, 30), 3, (2028, 2, 29)),
        ((2026, 10, 1), 3, (2027, 1, 1)),
        ((2026, 12, 31), 3, (2027, 3, 31)),
        ((2026, 9, 30), 3, (2026, 12, 30)),
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2026, 3, 15), 12, (2027, 3, 15)),
        ((2026, 3, 15), 22, (2028, 1, 15)),
        ((2026, 3, 15), 0, (2026, 3, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(start, months, due):
    assert add_months(at(*start, 13, 45), months) == at(*due, 13, 45)


def test_feedback_exactly_at_the_deadline_is_on_time_and_a_microsecond_later_is_late():
    report = Report(received_at=RECEIVED, acknowledged_at=RECEIVED)
    due = at(2026, 4, 15, 10, 0)
    report.feedback_at = due
    assert states(report, now=due) == {ACK: "met", FEEDBACK: "met"}
    assert deadlines(report, now=due)[FEEDBACK].met_at == due
    report.feedback_at = due + TICK
    assert states(report, now=due)[FEEDBACK] == "met_late"


def test_open_feedback_is_due_soon_from_fourteen_days_before_and_overdue_after_the_deadline():
    report = Report(received_at=RECEIVED, acknowledged_at=RECEIVED)
    due = at(2026, 4, 15, 10, 0)
    fourteen_days_before = due - dt.timedelta(days=14)
    assert states(report, now=fourteen_days_before - TICK)[FEEDBACK] == "on_time"
    assert states(report, now=fourteen_days_before)[FEEDBACK] == "due_soon"
    assert states(report, now=due)[FEEDBACK] == "due_soon"
    assert states(report, now=due + TICK)[FEEDBACK] == "overdue"


def test_without_a_moment_the_deadlines_are_judged_now():
    report = Report(received_at=RECEIVED)
    with time_machine.travel(ACK_DUE + dt.timedelta(hours=1), tick=False):
        assert [(d.kind, d.state) for d in report_deadlines(report)] == [(ACK, "overdue"), (FEEDBACK, "on_time")]


def test_labels_name_the_deadline_and_its_state():
    report = Report(received_at=RECEIVED, acknowledged_at=ACK_DUE + TICK)
    with translation.override("en"):
        ack, fb = report_deadlines(report, now=ACK_DUE + dt.timedelta(days=100))
        assert (ack.label, ack.state_label) == ("Acknowledgement", "met late")
        assert (fb.label, fb.state_label) == ("Feedback", "met late" if fb.met_at else "overdue")
        labels = {
            state: Deadline(ACK, ACK_DUE, None, state).state_label
            for state in ("on_time", "due_soon", "overdue", "met", "met_late")
        }
    assert labels == {
        "on_time": "on time",
        "due_soon": "due soon",
        "overdue": "overdue",
        "met": "met",
        "met_late": "met late",
    }


# --- reminders: 3 and 1 days before acknowledgement, 14 and 3 days before feedback ------


@pytest.mark.parametrize(
    ("kind", "before", "name"),
    [(ACK, 3, "3d"), (ACK, 1, "1d"), (FEEDBACK, 14, "14d"), (FEEDBACK, 3, "3d")],
)
def test_a_reminder_window_opens_exactly_at_its_threshold(kind, before, name):
    deadline = Deadline(kind, ACK_DUE, None, "on_time")
    opens = ACK_DUE - dt.timedelta(days=before)
    assert name not in reminders_due(deadline, now=opens - TICK)
    assert name in reminders_due(deadline, now=opens)
    assert name in reminders_due(deadline, now=ACK_DUE)


def test_the_reminders_of_each_deadline_in_turn():
    ack = Deadline(ACK, ACK_DUE, None, "on_time")
    assert reminders_due(ack, now=ACK_DUE - dt.timedelta(days=3) - TICK) == []
    assert reminders_due(ack, now=ACK_DUE - dt.timedelta(days=2)) == ["3d"]
    assert reminders_due(ack, now=ACK_DUE - dt.timedelta(hours=1)) == ["3d", "1d"]
    feedback = Deadline(FEEDBACK, ACK_DUE, None, "on_time")
    assert reminders_due(feedback, now=ACK_DUE - dt.timedelta(days=14) - TICK) == []
    assert reminders_due(feedback, now=ACK_DUE - dt.timedelta(days=4)) == ["14d"]
    assert reminders_due(feedback, now=ACK_DUE - dt.timedelta(days=3)) == ["14d", "3d"]


def test_after_the_deadline_only_the_overdue_reminder_applies():
    for kind in (ACK, FEEDBACK):
        deadline = Deadline(kind, ACK_DUE, None, "overdue")
        assert reminders_due(deadline, now=ACK_DUE + TICK) == [OVERDUE] == ["overdue"]
        assert OVERDUE not in reminders_due(deadline, now=ACK_DUE)


def test_a_met_deadline_gets_no_reminder():
    for now in (ACK_DUE - dt.timedelta(hours=1), ACK_DUE + dt.timedelta(days=1)):
        assert reminders_due(Deadline(ACK, ACK_DUE, ACK_DUE, "met"), now=now) == []
