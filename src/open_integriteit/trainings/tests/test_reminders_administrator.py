"""An administrator who manages a unit gets no reminder naming people (ADR 0003; attacker review)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from open_integriteit.accounts.models import Role, RoleAssignment
from open_integriteit.trainings import reminders, services
from open_integriteit.trainings.models import Scope

pytestmark = pytest.mark.django_db


def test_a_manager_who_is_an_administrator_is_not_mailed(tw, django_capture_on_commit_callbacks):
    dave = tw.users["dave"]
    RoleAssignment.objects.create(user=dave, role=Role.ADMINISTRATOR, approved_at=timezone.now())
    services.requirement_save(
        organisation=tw.org,
        by=tw.users["alice"],
        kind=tw.kind("dilemmaspel"),
        scope=Scope.UNIT,
        unit=tw.unit("VTH"),
        period_months=12,
        applies_from=dt.date(2024, 1, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_training_reminders(dt.date(2025, 6, 1))
    assert not [m for m in mail.outbox if dave.email in m.to]
