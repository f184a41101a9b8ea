"""Retention: a complaint's description goes 60 months after the decision (a pending complaint
waits), an incident's texts 60 months after its date; what is counted stays."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from open_integriteit.audit.models import AuditEvent
from open_integriteit.complaints import services
from open_integriteit.complaints.models import Complaint, Incident
from open_integriteit.figures import registry
from open_integriteit.retention.runner import run_retention

pytestmark = pytest.mark.django_db


def test_texts_go_after_the_period_and_the_figures_stay(org, personas):
    alice = personas["alice"]
    with time_machine.travel(dt.datetime(2020, 6, 2, 9, tzinfo=dt.UTC), tick=True):
        decided = services.complaint_record(
            organisation=org,
            by=alice,
            received_on=dt.date(2020, 5, 1),
            kind="bullying",
            description="Invented Person was bullied",
            outcome="founded",
            decided_on=dt.date(2020, 6, 1),
        )
        pending = services.complaint_record(
            organisation=org, by=alice, received_on=dt.date(2020, 5, 2), kind="aggression", description="Invented"
        )
        incident = services.incident_record(
            organisation=org,
            by=alice,
            date=dt.date(2020, 6, 1),
            kind="misuse",
            description="Invented Person used the car",
            action="conversation",
            action_text="Invented talk",
        )
    with time_machine.travel(dt.datetime(2025, 5, 31, 12, tzinfo=dt.UTC), tick=False):
        assert run_retention() == 0
    with time_machine.travel(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        assert run_retention() == 2
    decided = Complaint.objects.get(pk=decided.pk)
    assert decided.description == "" and decided.destroyed_at
    assert Complaint.objects.get(pk=pending.pk).description == "Invented"  # no decision yet: waits
    incident = Incident.objects.get(pk=incident.pk)
    assert (incident.description, incident.action_text) == ("", "") and incident.destroyed_at
    assert AuditEvent.objects.filter(action="complaints.text_destroyed").count() == 2
    figures = registry.year_figures(organisation=org, year=2020)
    assert figures["complaints.complaints"].total == 2
    assert figures["complaints.complaint_outcomes"].total == 1
    assert figures["complaints.incident_actions"].total == 1
    with pytest.raises(ValidationError):
        services.complaint_update(complaint=decided, by=alice, received_on=dt.date(2020, 5, 1), kind="bullying")
