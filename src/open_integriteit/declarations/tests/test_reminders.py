"""A decision that waits too long: one reminder to each decider, then one escalation to the
coordinators — exactly once each, whoever runs the daily job how often. Time is frozen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django_q.models import Schedule

from open_integriteit.declarations import decisions
from open_integriteit.declarations.models import DecisionReminder, RegisterSettings
from open_integriteit.declarations.reminders import send_decision_reminders

from .decision_fixtures import DecideWorld, build

pytestmark = pytest.mark.django_db

SUBMITTED = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def w(org: Any, personas: Any) -> DecideWorld:
    return build(org, personas)


def _run_on(day: dt.datetime, run_job: Any) -> list[tuple[str, list[str]]]:
    """Run the job twice on ``day`` (a second worker, a restart); the mails it sent."""
    before = len(mail.outbox)
    with time_machine.travel(day, tick=False):
        run_job(send_decision_reminders)
        run_job(send_decision_reminders)
    return [(m.subject, m.to) for m in mail.outbox[before:]]


def test_one_reminder_to_the_decider_then_one_escalation_to_the_coordinator(w: DecideWorld, run_job: Any) -> None:
    with time_machine.travel(SUBMITTED, tick=False):
        declaration = w.submitted()
    day = dt.timedelta(days=1)
    assert _run_on(SUBMITTED + 13 * day, run_job) == []
    assert _run_on(SUBMITTED + 14 * day, run_job) == [
        ("Er wacht een opgave op uw besluit", ["dave@example.invalid"])  # the nearest manager, not ilse above
    ]
    assert _run_on(SUBMITTED + 15 * day, run_job) == []
    assert _run_on(SUBMITTED + 28 * day, run_job) == [
        ("Een besluit over een opgave is te laat", ["alice@example.invalid"])  # not grace: another organisation
    ]
    assert _run_on(SUBMITTED + 60 * day, run_job) == []
    assert DecisionReminder.objects.filter(declaration=declaration, sent_at__isnull=False).count() == 2
    for message in mail.outbox:
        assert "Invented" not in message.body and "Sanne" not in message.body
        assert "/medewerkers/opgaven/" in message.body


def test_the_organisations_days_count(w: DecideWorld, run_job: Any) -> None:
    RegisterSettings.objects.update_or_create(
        organisation=w.org, defaults={"decision_reminder_days": 2, "decision_escalation_days": 3}
    )
    with time_machine.travel(SUBMITTED, tick=False):
        w.submitted()
    assert _run_on(SUBMITTED + dt.timedelta(days=1), run_job) == []
    assert [to for _s, to in _run_on(SUBMITTED + dt.timedelta(days=2), run_job)] == [["dave@example.invalid"]]
    assert [to for _s, to in _run_on(SUBMITTED + dt.timedelta(days=3), run_job)] == [["alice@example.invalid"]]


def test_a_decided_or_withdrawn_declaration_is_not_reminded(w: DecideWorld, run_job: Any) -> None:
    with time_machine.travel(SUBMITTED, tick=False):
        decided = w.submitted()
        decisions.declaration_decide(declaration=decided, by=w.people["dave"], decision="approve", reason="Fine")
    assert _run_on(SUBMITTED + dt.timedelta(days=40), run_job) == []


def test_both_reminder_and_escalation_when_the_job_first_runs_late(w: DecideWorld, run_job: Any) -> None:
    with time_machine.travel(SUBMITTED, tick=False):
        w.submitted()
    sent = _run_on(SUBMITTED + dt.timedelta(days=30), run_job)
    assert sorted(to[0] for _s, to in sent) == ["alice@example.invalid", "dave@example.invalid"]


def test_the_worker_runs_the_job_daily() -> None:
    schedule = Schedule.objects.get(name="declaration-decision-reminders")
    assert schedule.func == "open_integriteit.declarations.reminders.send_decision_reminders"
    assert schedule.schedule_type == Schedule.DAILY
