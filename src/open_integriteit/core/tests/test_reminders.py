"""The claim-once reminder helper: one mail per claim, whatever runs in parallel; a failed
mail is tried once more, never a third time; a delivery of unknown outcome never again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from open_integriteit.core.reminders import Mail, remind_once
from open_integriteit.reports.models import DeadlineReminder
from open_integriteit.reports.tasks import send_deadline_reminders

pytestmark = pytest.mark.django_db


def _key(report, user):
    return {
        "report": report,
        "deadline": "acknowledgement",
        "due_at": report.received_at,
        "threshold": "1d",
        "recipient": user,
    }


def test_a_failed_mail_is_retried_once_and_never_sent_twice(make_report, personas, run_job, settings):
    report, _code = make_report()
    calls = []

    def compose(claim):
        calls.append(claim.pk)
        if len(calls) <= 2:
            raise ConnectionRefusedError("mail server down")
        return Mail(subject="Herinnering", body="Invented")

    assert run_job(remind_once, model=DeadlineReminder, compose=compose, **_key(report, personas["alice"]))
    claim = DeadlineReminder.objects.get()
    assert claim.attempts == 1 and claim.failed_at and not claim.sent_at
    assert run_job(remind_once, model=DeadlineReminder, compose=compose, **_key(report, personas["alice"]))
    claim.refresh_from_db()
    assert claim.attempts == 2 and claim.failed_at and not claim.sent_at
    # Given up after the retry: no third attempt.
    assert not run_job(remind_once, model=DeadlineReminder, compose=compose, **_key(report, personas["alice"]))
    assert len(calls) == 2 and mail.outbox == []


def test_an_attempt_of_unknown_outcome_is_never_repeated(make_report, personas, run_job):
    report, _code = make_report()
    DeadlineReminder.objects.create(**_key(report, personas["alice"]), attempts=1)  # died while sending
    assert not run_job(
        remind_once, model=DeadlineReminder, compose=lambda c: Mail("x", "y"), **_key(report, personas["alice"])
    )
    assert mail.outbox == []


def test_one_run_sends_one_reminder_per_deadline_even_when_two_thresholds_are_open(make_report, personas, run_job):
    from open_integriteit.reports.models import Report

    report, _code = make_report()
    Report.objects.filter(pk=report.pk).update(received_at=timezone.now() - dt.timedelta(days=6, hours=12))
    mail.outbox.clear()
    assert run_job(send_deadline_reminders) == 1  # the 3-day and 1-day windows are both open: only "1d"
    assert len(mail.outbox) == 1
    assert list(DeadlineReminder.objects.values_list("threshold", flat=True)) == ["1d"]
    assert run_job(send_deadline_reminders) == 0
