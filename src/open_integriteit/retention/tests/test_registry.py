"""The retention registry: every app's policy is registered, the coordinator sees what will be
destroyed when and sets the organisation's periods; everyone else gets 404. Advice keeps its
anonymised summary when the question and advice go."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.advice import services as advice_services
from open_integriteit.advice.models import AdviceRequest
from open_integriteit.advice.topics import ADVICE_TOPICS
from open_integriteit.audit.models import AuditEvent
from open_integriteit.lists.selectors import entries
from open_integriteit.reports import services as report_services
from open_integriteit.retention import registry, services
from open_integriteit.retention.models import RetentionPeriod
from open_integriteit.retention.periods import months_for
from open_integriteit.retention.runner import run_retention

pytestmark = pytest.mark.django_db


def test_every_app_registers_its_policy_and_periods():
    assert [p.code for p in registry.policies()] == [
        "reports.outside_case",
        "consultations.contact",
        "advice.request",
        "cases.case",
        "people.leaver",
        "trainings.session",
        "complaints.complaint",
        "complaints.incident",
    ]
    assert {key: p.default_months for key, p in registry.periods().items()} == {
        "reports.closed": 3,
        "reports.inactive": 12,
        "advice.request": 24,
        "cases.no_action": 2,
        "cases.unfounded": 2,
        "cases.informal": 12,
        "cases.referred": 12,
        "cases.founded": 24,
        "cases.disciplinary": 60,
        "people.leaver": 24,
        "complaints.complaint": 60,
        "complaints.incident": 60,
    }
    kept = [p for p in registry.policies() if p.pending is None]
    assert [p.code for p in kept] == ["consultations.contact", "trainings.session"]
    assert all(p.kept_because for p in kept)


def test_a_clashing_or_incomplete_policy_is_refused():
    policy = registry.policies()[0]
    assert registry.register(policy) is policy  # the same again: fine
    for wrong in (
        registry.Policy(code=policy.code, label="x", event="x", destroys="x", keeps="x", kept_because="x"),
        registry.Policy(code="x.y", label="x", event="x", destroys="x", keeps="x"),
        registry.Policy(code="x.y", label="x", event="x", destroys="x", keeps="x", pending=lambda **k: []),
        registry.Policy(
            code="x.y", label="x", event="x", destroys="x", keeps="x", kept_because="x", periods=policy.periods
        ),
    ):
        with pytest.raises(ImproperlyConfigured):
            registry.register(wrong)
    assert "x.y" not in {p.code for p in registry.policies()}


def test_the_coordinator_sets_periods_and_a_default_keeps_no_row(org, personas):
    alice = personas["alice"]
    assert services.retention_periods_set(organisation=org, by=alice, months={"reports.closed": 6}) == 1
    assert months_for(organisation_id=org.pk, key="reports.closed") == 6
    assert services.retention_periods_set(organisation=org, by=alice, months={"reports.closed": 6}) == 0
    assert services.retention_periods_set(organisation=org, by=alice, months={"reports.closed": 3}) == 1
    assert not RetentionPeriod.objects.exists()
    assert [e.details for e in AuditEvent.objects.filter(action="retention.policy_changed")] == [
        {"changed": 1},
        {"changed": 1},
    ]
    with pytest.raises(ValidationError):
        services.retention_periods_set(organisation=org, by=alice, months={"reports.closed": 0})
    with pytest.raises(ValidationError):
        services.retention_periods_set(organisation=org, by=alice, months={"nothing": 5})
    for refused in ("bob", "erin", "grace"):
        with pytest.raises(PermissionDenied):
            services.retention_periods_set(organisation=org, by=personas[refused], months={"reports.closed": 6})


def test_overview_and_periods_pages_for_the_coordinator_only(org, personas, client_for, make_report):
    report, _code = make_report()
    alice = client_for(personas["alice"])
    page = alice.get(reverse("retention:overview")).content.decode()
    assert report.reference in page
    response = alice.post(reverse("retention:periods"), {"reports-closed": "0"})
    assert response.status_code == 200 and "reports-closed" in response.content.decode()
    data = {f"{k.replace('.', '-')}": str(p.default_months) for k, p in registry.periods().items()}
    response = alice.post(reverse("retention:periods"), {**data, "advice-request": "36"})
    assert response.status_code == 302
    assert months_for(organisation_id=org.pk, key="advice.request") == 36
    for outsider in ("bob", "erin", "frank", "mila"):
        client = client_for(personas[outsider])
        assert client.get(reverse("retention:overview")).status_code == 404, outsider
        assert client.post(reverse("retention:periods"), data).status_code == 404, outsider
    # Another organisation's coordinator sees her own organisation only.
    grace = client_for(personas["grace"])
    assert report.reference not in grace.get(reverse("retention:overview")).content.decode()
    assert grace.post(reverse("retention:periods"), {**data, "advice-request": "6"}).status_code == 302
    assert months_for(organisation_id=org.pk, key="advice.request") == 36


def test_advice_loses_question_and_advice_after_its_period_and_keeps_the_summary(org, personas, client_for):
    alice = personas["alice"]
    asked = dt.date(2023, 3, 15)
    gifts = entries(organisation=org, kind=ADVICE_TOPICS.code).get(code="gifts_invitations")
    with time_machine.travel(dt.datetime(2023, 3, 16, 9, tzinfo=dt.UTC), tick=True):
        record = advice_services.advice_register(
            organisation=org,
            by=alice,
            date=asked,
            received_via="coordinator",
            topic=gifts,
            question="Invented question about a dinner",
            advice="Invented advice: decline",
            anonymised_summary="Een uitnodiging voor een diner is afgeslagen.",
        )
    with time_machine.travel(dt.datetime(2025, 3, 14, 12, tzinfo=dt.UTC), tick=False):
        assert run_retention() == 0
    with time_machine.travel(dt.datetime(2025, 3, 15, 12, tzinfo=dt.UTC), tick=False):
        assert run_retention() == 1
    record = AdviceRequest.objects.get(pk=record.pk)
    assert (record.question, record.advice) == ("", "") and record.destroyed_at
    assert record.anonymised_summary == "Een uitnodiging voor een diner is afgeslagen."
    assert AuditEvent.objects.filter(action="advice.destroyed", object_id=str(record.pk)).exists()
    with pytest.raises(ValidationError):
        advice_services.advice_change(
            advice_request=record,
            by=alice,
            date=asked,
            received_via="coordinator",
            topic=gifts,
            question="Back again",
            advice="Back again",
            anonymised_summary="x",
        )
    client = client_for(alice)
    assert client.get(reverse("advice:edit", args=[record.pk])).status_code == 302
    assert (
        reverse("advice:edit", args=[record.pk])
        not in client.get(reverse("advice:detail", args=[record.pk])).content.decode()
    )


def test_a_failing_record_does_not_stop_the_others(org, personas, make_report, monkeypatch):
    """One record that cannot be destroyed is reported; the others are destroyed all the same."""
    first, _code = make_report()
    second, _code = make_report()
    for report in (first, second):
        report_services.report_close(report=report, by=personas["alice"], reason="withdrawn", explanation="x")
    policy = next(p for p in registry.policies() if p.code == "reports.outside_case")
    original = policy.destroy

    def destroy(obj, now):
        if obj.pk == first.pk:
            raise RuntimeError("invented failure")
        return original(obj, now)

    monkeypatch.setitem(registry._POLICIES, policy.code, registry.Policy(**{**policy.__dict__, "destroy": destroy}))
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=400)
    with time_machine.travel(later, tick=False), pytest.raises(RuntimeError, match=r"reports\.outside_case"):
        run_retention()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.destroyed_at is None and second.destroyed_at is not None
