"""A report that never joins a case (ADR 0008): the coordinator closes it after feedback or
for a recorded reason; it is destroyed a period after closure, and one that nobody closes
is destroyed a longer period after its last activity: never kept for ever."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services as case_services
from open_integriteit.reports import services
from open_integriteit.reports.deadlines import add_months
from open_integriteit.reports.models import Message, Report, ReporterIdentity, Status
from open_integriteit.retention.runner import run_retention

pytestmark = pytest.mark.django_db
START = dt.datetime(2024, 5, 31, 12, 0, tzinfo=dt.UTC)


def test_the_coordinator_closes_a_report_after_feedback(personas, make_report):
    report, _code = make_report()
    services.report_send_message(report=report, by=personas["alice"], kind="feedback", body="Invented feedback")
    services.report_close(report=report, by=personas["alice"])
    report.refresh_from_db()
    assert (report.status, report.closure_reason) == (Status.CLOSED, "feedback") and report.closed_at
    (event,) = AuditEvent.objects.filter(action="report.closed", object_id=str(report.pk))
    assert event.details == {"reason": "feedback"}
    with pytest.raises(ValidationError):
        services.report_close(report=report, by=personas["alice"])  # already closed
    with pytest.raises(ValidationError):
        services.report_reply_from_reporter(report=report, body="Invented")


def test_without_feedback_a_reason_and_an_explanation_are_required(personas, make_report):
    report, _code = make_report()
    with pytest.raises(ValidationError) as excinfo:
        services.report_close(report=report, by=personas["alice"])
    assert set(excinfo.value.message_dict) == {"reason", "explanation"}
    with pytest.raises(ValidationError):
        services.report_close(report=report, by=personas["alice"], reason="feedback", explanation="Invented")
    services.report_close(report=report, by=personas["alice"], reason="withdrawn", explanation="Invented: by phone")
    report.refresh_from_db()
    assert (report.status, report.closure_reason, report.closure_explanation) == (
        Status.CLOSED,
        "withdrawn",
        "Invented: by phone",
    )


def test_only_a_coordinator_closes_and_never_a_report_in_a_case(org, personas, make_report):
    team = personas
    report, _code = make_report()
    services.report_assign(report=report, by=team["alice"], user=team["bob"])
    for refused in (team["bob"], team["erin"], team["grace"]):
        with pytest.raises(PermissionDenied):
            services.report_close(report=report, by=refused, reason="withdrawn", explanation="Invented")
    in_case, _code = make_report()
    case_services.case_create(organisation=org, by=team["alice"], title="Invented", ground="other", reports=[in_case])
    with pytest.raises(ValidationError):
        services.report_close(report=in_case, by=team["alice"], reason="withdrawn", explanation="Invented")


def test_a_closed_report_cannot_join_a_case(org, personas, make_report, client_for):
    report, _code = make_report()
    services.report_close(report=report, by=personas["alice"], reason="duplicate", explanation="Invented")
    with pytest.raises(ValidationError):
        case_services.case_create(
            organisation=org, by=personas["alice"], title="Invented", ground="other", reports=[report]
        )
    page = client_for(personas["alice"]).get(reverse("cases:create")).content.decode()
    assert report.reference not in page  # not offered either


def test_a_closed_report_is_destroyed_three_months_after_closure(personas, make_report):
    with time_machine.travel(START, tick=True):
        report, _code = make_report(anonymity="confidential", identity={"name": "Invented Name"})
        services.report_close(report=report, by=personas["alice"], reason="withdrawn", explanation="Invented")
    report.refresh_from_db()
    end = add_months(timezone.localtime(report.closed_at), 3)
    with time_machine.travel(end - dt.timedelta(days=1), tick=False):
        assert run_retention() == 0
    assert Report.objects.get(pk=report.pk).what_happened
    with time_machine.travel(end, tick=False):
        assert run_retention() == 1
    report.refresh_from_db()
    assert report.destroyed_at == end and report.what_happened == "" and report.closure_explanation == ""
    assert report.receipt_hash is None and not ReporterIdentity.objects.filter(report=report).exists()
    assert report.closure_reason == "withdrawn" and report.ground  # statistics stay
    (event,) = AuditEvent.objects.filter(action="report.destroyed", object_id=str(report.pk))
    assert event.details == {"rule": "closed"} and event.actor_id is None


def test_a_report_nobody_closes_is_destroyed_a_year_after_its_last_activity(personas, make_report):
    with time_machine.travel(START, tick=True):
        report, _code = make_report()
    later = START + dt.timedelta(days=40)
    with time_machine.travel(later, tick=True):
        services.report_acknowledge(report=report, by=personas["alice"], body="Invented acknowledgement")
    last = Message.objects.filter(report=report).latest("created_at").created_at
    end = add_months(timezone.localtime(last), 12)
    with time_machine.travel(add_months(timezone.localtime(report.received_at), 12), tick=False):
        assert run_retention() == 0  # the acknowledgement was activity
    with time_machine.travel(end - dt.timedelta(days=1), tick=False):
        assert run_retention() == 0
    with time_machine.travel(end, tick=False):
        assert run_retention() == 1
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.destroyed_at == end and report.what_happened == ""
    assert not Message.objects.filter(report=report).exists()
    (event,) = AuditEvent.objects.filter(action="report.destroyed", object_id=str(report.pk))
    assert event.details == {"rule": "inactive"}


def test_a_report_in_a_case_is_left_to_the_case(org, personas, make_report):
    with time_machine.travel(START, tick=True):
        report, _code = make_report()
        case_services.case_create(organisation=org, by=personas["alice"], title="X", ground="other", reports=[report])
    with time_machine.travel(START + dt.timedelta(days=3650), tick=False):
        assert run_retention() == 0
    assert Report.objects.get(pk=report.pk).what_happened


def test_closing_on_the_report_page(personas, make_report, client_for):
    report, _code = make_report()
    client = client_for(personas["alice"])
    url = reverse("reports:staff_action", args=[report.reference, "close"])
    response = client.post(url, {"close-reason": "", "close-explanation": "Invented explanation"})
    assert response.status_code == 400
    assert "Invented explanation" in response.content.decode()  # what was typed is kept
    response = client.post(url, {"close-reason": "not_a_report", "close-explanation": "Invented explanation"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    page = client.get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    assert reverse("reports:staff_action", args=[report.reference, "close"]) not in page
    assert client_for(personas["erin"]).post(url, {}).status_code == 404
