"""Item 18: access of a report in a case is derived from the case, never stored twice.

Whoever sees the case sees its reports (and nobody implicated in the case or the report);
report-level assignments only count for reports outside a case. Notifications and
reminders follow the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from open_integriteit.access import cases as case_access
from open_integriteit.access import reports as access
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services as case_services
from open_integriteit.reports import selectors
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Assignment, Implication

pytestmark = pytest.mark.django_db


def test_the_case_team_handles_its_reports_and_nothing_is_copied(team, make_report, make_case):
    alice, bob, carol, pat = team["alice"], team["bob"], team["carol"], team["pat"]
    report, _code = make_report()
    report_services.report_assign(report=report, by=alice, user=carol)
    assert access.can_view_report(carol, report)

    case = make_case(reports=[report])  # bob and pat assigned to the case

    # The report's own assignment ended when it joined the case (audited, with why).
    assert not Assignment.objects.filter(report=report).exists()
    ended = AuditEvent.objects.get(action="report.unassigned", object_id=str(report.pk))
    assert ended.details == {"user_id": carol.pk, "reason": "case"}
    assert not access.can_view_report(carol, report)
    for member in (alice, bob, pat):
        assert access.can_view_report(member, report)
    assert set(selectors.report_team(report=report)) == {bob, pat}
    assert set(selectors.report_handlers(report=report)) == {bob, pat}

    # Assigning to the case gives the report; nothing is written on the report for it.
    case_services.case_assign(case=case, by=alice, user=carol)
    assert access.can_view_report(carol, report)
    assert not Assignment.objects.filter(report=report).exists()
    case_services.case_unassign(case=case, by=alice, user=carol)
    assert not access.can_view_report(carol, report)

    # Assignments are made on the case, with a message that says so.
    with translation.override("en"), pytest.raises(ValidationError, match="assign colleagues to the case"):
        report_services.report_assign(report=report, by=alice, user=carol)


def test_an_implication_in_the_case_closes_its_reports_without_a_copy(team, make_report, make_case):
    alice, bob = team["alice"], team["bob"]
    first, _code = make_report()
    case = make_case(reports=[first])
    case_services.case_mark_implicated(case=case, by=alice, user=bob)
    later, _code = make_report()
    case_services.case_add_report(case=case, by=alice, report=later)

    assert not Implication.objects.exists()
    for report in (first, later):
        assert not access.can_view_report(bob, report)
        assert bob not in selectors.report_handlers(report=report)
    assert first not in selectors.report_list_for_user(user=bob)


def test_an_implication_in_one_report_closes_the_whole_case(org, team, make_report, make_case):
    alice, bob = team["alice"], team["bob"]
    first, _code = make_report()
    second, _code = make_report()
    case = make_case(reports=[first, second])
    report_services.report_mark_implicated(report=first, by=alice, user=bob)
    assert not case_access.can_view_case(bob, case)
    assert not access.can_view_report(bob, second)
    with pytest.raises(ValidationError):
        case_services.case_assign(case=case, by=alice, user=bob)


def test_reminders_of_a_report_in_a_case_go_to_the_case_team(team, make_report, make_case, run_job):
    from django.core import mail

    from open_integriteit.reports.tasks import send_deadline_reminders

    report, _code = make_report()
    make_case(reports=[report])
    mail.outbox.clear()
    sent = run_job(send_deadline_reminders, now=report.received_at + dt.timedelta(days=4, hours=12))
    assert sent == 2
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [team["bob"].email, team["pat"].email]
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_removes_what_was_stored_twice(team, make_report):
    """Data as the old code left it: case assignments and implications copied onto reports."""
    executor = MigrationExecutor(connection)
    before = [
        ("cases", "0003_case_implication_withdrawal"),
        ("reports", "0003_identity_grant_and_implication_withdrawal"),
    ]
    after = [("cases", "0004_report_access_follows_case")]
    alice, bob, carol, dave = (team[n].pk for n in ("alice", "bob", "carol", "dave"))
    in_case, _code = make_report()
    loose, _code = make_report()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    case_model = old.get_model("cases", "Case")
    case = case_model.objects.create(
        organisation_id=in_case.organisation_id, reference="Z-OLD00001", origin="report", ground="misstand", title=""
    )
    old.get_model("cases", "CaseReport").objects.create(case=case, report_id=in_case.pk)
    old.get_model("cases", "CaseAssignment").objects.create(case=case, user_id=bob, assigned_by_id=alice)
    mark = old.get_model("cases", "CaseImplication").objects.create(case=case, user_id=dave, marked_by_id=alice)
    old_assignment = old.get_model("reports", "Assignment")
    old_implication = old.get_model("reports", "Implication")
    old_assignment.objects.create(report_id=in_case.pk, user_id=bob, assigned_by_id=alice)  # copy
    old_assignment.objects.create(report_id=loose.pk, user_id=bob, assigned_by_id=alice)  # its own
    own = old_implication.objects.create(report_id=in_case.pk, user_id=carol, marked_by_id=alice)
    own.created_at = mark.created_at - dt.timedelta(days=1)  # marked on the report before the case
    own.save()
    old_implication.objects.create(report_id=in_case.pk, user_id=dave, marked_by_id=alice)  # copy

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    # Back to the latest state: the tests after this one need every later migration too.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(Assignment.objects.values_list("report_id", "user_id")) == [(loose.pk, bob)]
    assert list(Implication.objects.values_list("report_id", "user_id")) == [(in_case.pk, carol)]
    bob_user, dave_user = team["bob"], team["dave"]
    in_case.refresh_from_db()
    assert access.can_view_report(bob_user, in_case)  # through the case now
    assert not access.can_view_report(dave_user, in_case)  # still implicated, through the case
