"""Access to reports and to the reporter's identity (``access.reports``) as rules. The role
rules need no database; who sees which report, and whose identity grant counts, is tried on
a small organisation.

``make mutation`` runs these against every mutant of ``access/reports.py``.
"""

from __future__ import annotations

import pytest

from open_integriteit.access import reports as report_access
from open_integriteit.accounts.models import Role, User
from open_integriteit.cases import services as case_services
from open_integriteit.cases.workflow import State
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Assignment, Report
from open_integriteit.testing.fixtures import make_user

C, V, P, I, M = (  # noqa: E741
    Role.COORDINATOR,
    Role.CONFIDENTIAL_ADVISER,
    Role.CASE_PRINCIPAL,
    Role.INVESTIGATOR,
    Role.MANAGER,
)
CONTENT = {C, V, P, I, M}
EVERY_ROLE = sorted(Role.values)


def member(*held: str, active: bool = True) -> User:
    user = User(username="someone", organisation_id=1, is_active=active)
    user.role_set = frozenset(held)
    return user


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_lists_and_registers_reports_and_manages_the_typology(role):
    user = member(role)
    assert report_access.can_list_reports(user) == (role in CONTENT)
    assert report_access.can_register_report(user) == (role in {C, V, M})
    assert report_access.can_manage_typology(user) == (role in {C, Role.ADMINISTRATOR})
    outsider = member(role, active=False)
    assert not report_access.can_list_reports(outsider)
    assert not report_access.can_register_report(outsider)
    assert not report_access.can_manage_typology(outsider)


def test_only_whoever_registered_a_report_sees_its_registration_page_while_they_may_register():
    registrar, colleague, former = member(C), member(C), member(I)
    registrar.pk, colleague.pk, former.pk = 7, 8, 7
    registered = Report(registered_by_id=7)
    assert report_access.can_see_registration(registrar, registered)
    assert not report_access.can_see_registration(colleague, registered)
    assert not report_access.can_see_registration(former, registered)  # no longer registers reports
    # A report sent in through the web form was registered by no one, not even by a user without id.
    assert not report_access.can_see_registration(member(C), Report(registered_by_id=None))


def test_an_administrator_registers_no_reports_whatever_else_they_hold():
    administrator = member(Role.ADMINISTRATOR, C, V, M)
    assert not report_access.can_register_report(administrator)
    assert not report_access.can_list_reports(administrator)
    assert report_access.can_manage_typology(administrator)


def test_someone_who_is_no_content_staff_sees_no_report_without_a_query():
    # No database here: a query would fail the test.
    assert not report_access.reports_visible_to(member(Role.EMPLOYEE)).exists()
    assert not report_access.reports_visible_to(member(Role.ADMINISTRATOR, C)).exists()
    assert not report_access.reports_visible_to(None).exists()


# --- on the database --------------------------------------------------------------------


@pytest.fixture
def people(org, other_org, team):
    return {**team, "cora": make_user(org, "cora", C), "gus": make_user(other_org, "gus", C)}


def names(users) -> list[str]:
    return sorted(u.username for u in users)


@pytest.mark.django_db
def test_a_report_outside_a_case_is_for_the_coordinators_and_its_assignees(people, make_report):
    report, _code = make_report()
    report_services.report_assign(report=report, by=people["alice"], user=people["bob"])
    seers = sorted(name for name, user in people.items() if report_access.can_view_report(user, report))
    assert seers == ["alice", "bob", "cora"]
    assert list(report_access.reports_visible_to(people["bob"])) == [report]
    assert list(report_access.reports_visible_to(people["carol"])) == []
    assert report_access.case_id_of(report) is None
    assert names(report_access.report_team(report)) == ["bob"]
    assert names(report_access.reporting_point_for(report)) == ["alice", "cora"]
    assert report_access.can_assign(people["alice"], report)
    assert not report_access.can_assign(people["bob"], report)
    assert report_access.can_coordinate_report(people["alice"], report)
    assert not report_access.can_coordinate_report(people["bob"], report)
    assert not report_access.can_coordinate_report(people["gus"], report)


@pytest.mark.django_db
def test_a_report_in_a_case_follows_the_case(people, make_report, make_case):
    report, _code = make_report()
    report_services.report_assign(report=report, by=people["alice"], user=people["carol"])
    case = make_case(state=State.INVESTIGATION, reports=[report], assign=("bob", "pat"))
    seers = sorted(name for name, user in people.items() if report_access.can_view_report(user, report))
    assert seers == ["alice", "bob", "cora", "pat"]  # carol's report assignment no longer counts
    assert report_access.case_id_of(report) == case.pk
    assert names(report_access.report_team(report)) == ["bob", "pat"]
    assert not report_access.can_assign(people["alice"], report)
    assert report_access.can_coordinate_report(people["alice"], report)
    # Implicated in the case: the report goes too.
    case_services.case_mark_implicated(case=case, by=people["alice"], user=people["pat"])
    assert not report_access.can_view_report(people["pat"], report)
    assert names(User.objects.filter(pk__in=report_access.implicated_in_report(report))) == ["pat"]
    assert names(report_access.report_team(report)) == ["bob"]


@pytest.mark.django_db
def test_someone_implicated_in_a_report_no_longer_sees_it(people, make_report):
    report, _code = make_report()
    report_services.report_assign(report=report, by=people["alice"], user=people["bob"])
    report_services.report_mark_implicated(report=report, by=people["alice"], user=people["cora"])
    assert not report_access.can_view_report(people["cora"], report)
    assert report_access.can_view_report(people["alice"], report)
    assert names(User.objects.filter(pk__in=report_access.implicated_in_report(report))) == ["cora"]
    assert names(report_access.reporting_point_for(report)) == ["alice"]
    assert report_access.is_about_a_coordinator(report)
    # About a coordinator, outside a case: still the reporting point decides, never the handler.
    assert report_access.can_decide_implication(people["alice"], report, people["bob"])
    assert not report_access.can_decide_implication(people["bob"], report, people["alice"])


@pytest.mark.django_db
def test_who_decides_on_implication_in_a_report(people, make_report):
    report, _code = make_report()
    report_services.report_assign(report=report, by=people["alice"], user=people["bob"])
    assert not report_access.is_about_a_coordinator(report)
    assert report_access.can_decide_implication(people["alice"], report, people["bob"])
    assert not report_access.can_decide_implication(people["alice"], report, people["alice"])
    assert not report_access.can_decide_implication(people["bob"], report, people["dave"])
    assert not report_access.can_decide_implication(people["gus"], report, people["bob"])
    assert names(report_access.people_user_may_implicate(people["alice"], report)) == sorted(
        n for n in people if n not in ("alice", "gus", "grace")
    )


@pytest.mark.django_db
def test_the_reporters_identity_is_for_the_reporting_point_and_whom_it_grants_it_to(people, make_report):
    report, _code = make_report(anonymity="confidential", identity={"name": "Invented Reporter"})
    alice, bob, dave = people["alice"], people["bob"], people["dave"]
    report_services.report_assign(report=report, by=alice, user=bob)
    report_services.report_assign(report=report, by=alice, user=dave)
    assert report_access.can_grant_identity(alice, report)
    assert not report_access.can_grant_identity(bob, report)
    assert names(report_access.identity_grantable_to(report)) == ["bob", "dave"]
    assert report_access.can_disclose_identity(alice, report)
    assert report_access.can_disclose_identity(people["cora"], report)
    assert not report_access.can_disclose_identity(bob, report)
    assert not report_access.has_identity_grant(bob, report)
    grant = report_services.identity_grant(report=report, by=alice, user=bob, reason="Invented reason")
    assert report_access.has_identity_grant(bob, report)
    assert report_access.can_disclose_identity(bob, report)
    assert not report_access.can_disclose_identity(dave, report)
    assert not report_access.can_disclose_identity(people["gus"], report)
    report_services.identity_grant_revoke(grant=grant, by=alice)
    assert not report_access.has_identity_grant(bob, report)
    assert not report_access.can_disclose_identity(bob, report)


@pytest.mark.django_db
def test_a_case_with_two_reports_is_the_case_of_both(people, make_report, make_case):
    first, _code = make_report()
    second, _code = make_report()
    case = make_case(reports=[first, second])
    assert report_access.case_id_of(first) == case.pk
    assert report_access.case_id_of(second) == case.pk


@pytest.mark.django_db
def test_an_assignment_or_an_implication_is_for_that_report_only(people, make_report):
    first, _code = make_report()
    second, _code = make_report()
    report_services.report_assign(report=first, by=people["alice"], user=people["bob"])
    report_services.report_mark_implicated(report=first, by=people["alice"], user=people["cora"])
    assert list(report_access.reports_visible_to(people["bob"])) == [first]
    assert not report_access.can_view_report(people["bob"], second)
    assert list(report_access.reports_visible_to(people["cora"])) == [second]


@pytest.mark.django_db
def test_an_identity_grant_is_for_that_report_only(people, make_report):
    first, _code = make_report(anonymity="confidential", identity={"name": "Invented Reporter"})
    second, _code = make_report(anonymity="confidential", identity={"name": "Another Invented Reporter"})
    alice, bob = people["alice"], people["bob"]
    for report in (first, second):
        report_services.report_assign(report=report, by=alice, user=bob)
    report_services.identity_grant(report=first, by=alice, user=bob, reason="Invented reason")
    assert report_access.can_disclose_identity(bob, first)
    assert not report_access.has_identity_grant(bob, second)
    assert not report_access.can_disclose_identity(bob, second)


@pytest.mark.django_db
def test_a_coordinator_on_the_team_is_no_one_to_grant_the_identity_to(people, make_report):
    report, _code = make_report(anonymity="confidential", identity={"name": "Invented Reporter"})
    for name in ("bob", "cora"):
        report_services.report_assign(report=report, by=people["alice"], user=people[name])
    assert names(report_access.report_team(report)) == ["bob", "cora"]
    assert names(report_access.identity_grantable_to(report)) == ["bob"]


@pytest.mark.django_db
def test_a_left_over_report_assignment_opens_no_report_in_a_case(people, make_report, make_case):
    # Joining a case ends the report's own assignments (the services do it); the rule does
    # not lean on that: a report assignment left behind, written here by hand, does not count.
    report, _code = make_report()
    make_case(reports=[report], assign=("bob", "pat"))
    Assignment.objects.create(report=report, user=people["carol"], assigned_by=people["alice"])
    assert not report_access.can_view_report(people["carol"], report)
    assert list(report_access.reports_visible_to(people["carol"])) == []


@pytest.mark.django_db
def test_implicated_in_a_report_of_a_case(people, make_report, make_case):
    report, _code = make_report()
    make_case(state=State.INVESTIGATION, reports=[report], assign=("bob", "pat"))
    pat, bob = people["pat"], people["bob"]
    # Not about a coordinator: the case principal decides only about the coordinators.
    assert not report_access.can_decide_implication(pat, report, bob)
    # Bob, on the case's team, is marked in the report: he leaves its team.
    report_services.report_mark_implicated(report=report, by=people["alice"], user=bob)
    assert names(report_access.report_team(report)) == ["pat"]
    # A coordinator is marked in the report: now the case principal decides about anyone.
    report_services.report_mark_implicated(report=report, by=people["alice"], user=people["cora"])
    assert report_access.is_about_a_coordinator(report)
    assert report_access.can_decide_implication(pat, report, people["carol"])
    assert not report_access.can_decide_implication(pat, report, pat)
