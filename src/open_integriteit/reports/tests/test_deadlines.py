"""Legal deadlines: acknowledgement in 7 days, feedback 3 months after it; reminders once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from open_integriteit.reports import services
from open_integriteit.reports.deadlines import add_months, report_deadlines
from open_integriteit.reports.models import DeadlineReminder, Report
from open_integriteit.reports.tasks import send_deadline_reminders

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=1))


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(dt.datetime(2026, 1, 15, tzinfo=AMS), 3) == dt.datetime(2026, 4, 15, tzinfo=AMS)
    assert add_months(dt.datetime(2026, 11, 30, tzinfo=AMS), 3) == dt.datetime(2027, 2, 28, tzinfo=AMS)


def _received(make_report, days_ago: float) -> Report:
    report, _code = make_report()
    Report.objects.filter(pk=report.pk).update(received_at=timezone.now() - dt.timedelta(days=days_ago))
    report.refresh_from_db()
    return report


def states(report: Report) -> dict[str, str]:
    return {d.kind: d.state for d in report_deadlines(report)}


def test_deadline_states_follow_time(make_report, personas):
    assert states(_received(make_report, 1)) == {"acknowledgement": "on_time", "feedback": "on_time"}
    assert states(_received(make_report, 6))["acknowledgement"] == "due_soon"
    late = _received(make_report, 8)
    assert states(late)["acknowledgement"] == "overdue"
    services.report_acknowledge(report=late, by=personas["alice"], body="Received")
    late.refresh_from_db()
    assert states(late)["acknowledgement"] == "met_late"
    feedback = next(d for d in report_deadlines(late) if d.kind == "feedback")
    assert feedback.due_at == add_months(timezone.localtime(late.acknowledged_at), 3)


def test_feedback_is_due_three_months_after_the_seven_days_without_acknowledgement(make_report):
    report = _received(make_report, 0)
    feedback = next(d for d in report_deadlines(report) if d.kind == "feedback")
    assert feedback.due_at == add_months(timezone.localtime(report.received_at + dt.timedelta(days=7)), 3)


def test_feedback_meets_the_deadline(make_report, personas):
    report = _received(make_report, 2)
    services.report_acknowledge(report=report, by=personas["alice"], body="Received")
    services.report_send_message(report=report, by=personas["alice"], kind="feedback", body="Done")
    report.refresh_from_db()
    assert states(report) == {"acknowledgement": "met", "feedback": "met"}


def test_dashboard_lists_due_deadlines_soonest_first(make_report, personas, client_for):
    soon = _received(make_report, 6.5)
    later = _received(make_report, 1)
    page = client_for(personas["alice"]).get(reverse("reports:staff_dashboard")).content.decode()
    due_section = page.split('id="ack-heading"')[1]
    assert due_section.index(soon.reference) < due_section.index(later.reference)


def test_reminders_go_to_assigned_staff_once_and_carry_no_content(make_report, personas, run_job):
    report = _received(make_report, 5)  # acknowledgement due in 2 days: inside the 3-day threshold
    services.report_assign(report=report, by=personas["alice"], user=personas["bob"])
    mail.outbox.clear()
    assert run_job(send_deadline_reminders) == 1
    assert [m.to for m in mail.outbox] == [["bob@example.invalid"]]
    assert "Invented" not in mail.outbox[0].body and report.reference in mail.outbox[0].body
    # A second run, or a run after a restart, sends nothing new.
    assert run_job(send_deadline_reminders) == 0
    assert len(mail.outbox) == 1
    # The next threshold (1 day before) sends one more.
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, hours=1), tick=False):
        assert run_job(send_deadline_reminders) == 1
        assert run_job(send_deadline_reminders) == 0
    assert DeadlineReminder.objects.filter(report=report).count() == 2


def test_without_assignment_the_coordinators_are_reminded(make_report, personas, run_job):
    _received(make_report, 5)
    mail.outbox.clear()
    run_job(send_deadline_reminders)
    assert [m.to for m in mail.outbox] == [["alice@example.invalid"]]


def test_met_deadlines_send_no_reminder(make_report, personas, run_job):
    report = _received(make_report, 5)
    services.report_acknowledge(report=report, by=personas["alice"], body="Received")
    mail.outbox.clear()
    assert run_job(send_deadline_reminders) == 0


def test_one_overdue_mail_after_the_deadline_lapses(make_report, personas, run_job):
    _received(make_report, 9)  # acknowledgement was due two days ago
    mail.outbox.clear()
    assert run_job(send_deadline_reminders) == 1
    assert "Deadline" not in mail.outbox[0].subject  # Dutch
    assert "Invented" not in mail.outbox[0].body
    assert run_job(send_deadline_reminders) == 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=3), tick=False):
        assert run_job(send_deadline_reminders) == 0
