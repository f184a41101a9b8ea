"""Access to cases (``access.cases``) as rules. The role rules need no database: what someone
who sees a case may record there, by role, and who may list, create and hand over cases.
Who sees which case is a query: a small organisation is made for those.

``make mutation`` runs these against every mutant of ``access/cases.py``.
"""

from __future__ import annotations

import pytest

from open_integriteit.access import cases as case_access
from open_integriteit.accounts.models import Role, User
from open_integriteit.cases import services as case_services
from open_integriteit.cases import workflow
from open_integriteit.cases.workflow import State
from open_integriteit.reports import services as report_services
from open_integriteit.testing.fixtures import make_user

C, V, P, I, M = (  # noqa: E741
    Role.COORDINATOR,
    Role.CONFIDENTIAL_ADVISER,
    Role.CASE_PRINCIPAL,
    Role.INVESTIGATOR,
    Role.MANAGER,
)
EVERY_ROLE = sorted(Role.values)

# What someone who sees the case may record there, by role (the coordinator always may).
EVERYONE_WHO_SEES = {C, V, P, I, M}
AGREED_WORK = {
    "note": EVERYONE_WHO_SEES,
    "party": {C, I},
    "risk": {C, I},
    "assessment": {C, I},
    "allegation": {C, I, P},
    "finding": {C, I},
    "hearing": {C, I},
    "document": {C, I, P},
    "measure": {C, P},
    "protection": {C, P},
    "external": {C, P},
    "lessons": {C, P},
    "summary": {C, P},
}


def member(*held: str, active: bool = True) -> User:
    user = User(username="someone", organisation_id=1, is_active=active)
    user.role_set = frozenset(held)
    return user


def test_the_work_table_names_every_kind_of_work_of_the_case_page():
    assert set(case_access.WORK) == set(AGREED_WORK)


@pytest.mark.parametrize("work", sorted(AGREED_WORK))
def test_each_kind_of_work_is_for_exactly_its_roles(work):
    for role in EVERY_ROLE:
        fits = role in AGREED_WORK[work] or AGREED_WORK[work] == EVERYONE_WHO_SEES  # seeing the case is enough
        assert case_access._role_fits(member(role), work) == fits, (work, role)


def test_an_administrators_content_roles_do_not_fit_any_work_but_notes():
    administrator = member(Role.ADMINISTRATOR, C, I, P)
    assert [w for w in AGREED_WORK if case_access._role_fits(administrator, w)] == ["note"]


def test_work_outside_the_role_is_refused_before_anything_is_looked_up():
    investigator = member(I)
    assert not case_access.can_work_on_case(investigator, None, "measure")  # type: ignore[arg-type]
    assert not case_access.can_work_on_case(member(P), None, "hearing")  # type: ignore[arg-type]


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_lists_creates_and_hands_over_cases_and_sets_retention(role):
    user = member(role)
    assert case_access.can_list_cases(user) == (role in EVERYONE_WHO_SEES)
    assert case_access.can_create_case(user) == (role == C)
    assert case_access.can_hand_over(user) == (role == C)
    assert case_access.can_set_retention(user) == (role == C)
    outsider = member(role, active=False)
    assert not any(
        check(outsider)
        for check in (
            case_access.can_list_cases,
            case_access.can_create_case,
            case_access.can_hand_over,
            case_access.can_set_retention,
        )
    )


def test_the_transition_table_is_checked_against_the_roles_that_count_or_the_system():
    assert case_access.roles_for_workflow(None) == {workflow.SYSTEM}
    assert case_access.roles_for_workflow(member(P, I)) == {P, I}
    assert case_access.roles_for_workflow(member(Role.ADMINISTRATOR, C)) == {Role.ADMINISTRATOR}
    assert case_access.roles_for_workflow(member(C, active=False)) == frozenset()


def test_someone_who_is_no_content_staff_sees_no_case_without_a_query():
    # No database here: a query would fail the test.
    assert not case_access.cases_visible_to(member(Role.EMPLOYEE)).exists()
    assert not case_access.cases_visible_to(member(Role.ADMINISTRATOR, C)).exists()
    assert not case_access.cases_visible_to(None).exists()


# --- who sees which case: on the database -----------------------------------------------


@pytest.fixture
def people(org, other_org, team):
    return {
        **team,
        "ivy": make_user(org, "ivy", I),  # an investigator not assigned to the case
        "cora": make_user(org, "cora", C),  # a second coordinator
        "gus": make_user(other_org, "gus", C),
    }


def names(users) -> list[str]:
    return sorted(u.username for u in users)


@pytest.mark.django_db
def test_who_sees_a_case_and_who_is_on_its_team(people, make_case, make_report):
    report, _code = make_report()
    case = make_case(state=State.INVESTIGATION, reports=[report], assign=("bob", "pat"))
    seers = [name for name, user in people.items() if case_access.can_view_case(user, case)]
    assert sorted(seers) == ["alice", "bob", "cora", "pat"]
    assert names(case_access.case_team(case)) == ["bob", "pat"]
    assert list(case_access.cases_visible_to(people["bob"])) == [case]
    assert list(case_access.cases_visible_to(people["ivy"])) == []
    assert list(case_access.cases_visible_to(people["gus"])) == []
    assert case_access.can_list_cases(people["ivy"])


@pytest.mark.django_db
def test_someone_implicated_in_the_case_or_one_of_its_reports_no_longer_sees_it(people, make_case, make_report):
    first, _code = make_report()
    second, _code = make_report()
    case = make_case(state=State.INVESTIGATION, reports=[first, second], assign=("bob", "pat"))
    case_services.case_mark_implicated(case=case, by=people["alice"], user=people["pat"])
    report_services.report_mark_implicated(report=second, by=people["alice"], user=people["cora"])
    assert not case_access.can_view_case(people["pat"], case)
    assert not case_access.can_view_case(people["cora"], case)
    assert case_access.can_view_case(people["alice"], case)
    assert names(User.objects.filter(pk__in=case_access.implicated_in_case(case.pk))) == ["cora", "pat"]
    assert names(case_access.case_team(case)) == ["bob"]


@pytest.mark.django_db
def test_the_work_and_steps_of_someone_who_sees_the_case(people, make_case):
    case = make_case(state=State.DECISION, assign=("bob", "pat"))
    pat, bob, alice, ivy = people["pat"], people["bob"], people["alice"], people["ivy"]
    assert case_access.work_allowed(pat, case) == {w: P in roles_ for w, roles_ in AGREED_WORK.items()}
    assert case_access.work_allowed(bob, case) == {w: I in roles_ for w, roles_ in AGREED_WORK.items()}
    assert case_access.work_allowed(ivy, case) == dict.fromkeys(AGREED_WORK, False)
    assert case_access.can_work_on_case(bob, case, "hearing")
    assert not case_access.can_work_on_case(ivy, case, "hearing")
    assert [t.name for t in case_access.transitions_for(pat, case)] == [
        "decide_preliminary",
        "decide_investigate",
        "decide_informal",
        "decide_refer",
        "decide_no_action",
    ]
    assert case_access.transitions_for(bob, case) == []
    assert case_access.transitions_for(ivy, case) == []
    assert case_access.can_coordinate_case(alice, case)
    assert not case_access.can_coordinate_case(pat, case)
    assert case_access.can_see_reporter_activity(alice, case)
    assert not case_access.can_see_reporter_activity(pat, case)
    assert not case_access.can_coordinate_case(people["gus"], case)


@pytest.mark.django_db
def test_who_decides_on_implication_in_a_case(people, make_case):
    case = make_case(state=State.INVESTIGATION, assign=("bob", "pat"))
    alice, pat, bob, cora = people["alice"], people["pat"], people["bob"], people["cora"]
    assert case_access.can_decide_implication(alice, case, bob)
    assert not case_access.can_decide_implication(alice, case, alice)  # nobody about themselves
    assert not case_access.can_decide_implication(bob, case, pat)  # investigators never decide
    assert not case_access.can_decide_implication(pat, case, bob)  # the principal only about coordinators
    assert case_access.can_decide_implication(pat, case, cora)
    assert not case_access.is_about_a_coordinator(case)
    assert names(case_access.implication_deciders(case, bob)) == ["alice", "cora"]
    assert names(case_access.implication_deciders(case, cora)) == ["alice", "pat"]
    # Once a coordinator is implicated, the principal decides about everyone.
    case_services.case_mark_implicated(case=case, by=alice, user=cora)
    assert case_access.is_about_a_coordinator(case)
    assert case_access.can_decide_implication(pat, case, bob)
    everyone_else_of_the_organisation = [n for n in sorted(people) if n not in ("pat", "gus", "grace")]
    assert names(case_access.people_user_may_implicate(pat, case)) == everyone_else_of_the_organisation


@pytest.mark.django_db
def test_an_assignment_or_implication_counts_for_its_own_case_only(org, people, make_case, make_report):
    alice, bob, pat, cora = people["alice"], people["bob"], people["pat"], people["cora"]
    report, _code = make_report()
    report_services.report_mark_implicated(report=report, by=alice, user=cora)
    first = make_case(state=State.INVESTIGATION, reports=[report], assign=("bob", "pat"))
    second = make_case(state=State.INVESTIGATION, assign=("pat",))
    # Assigned to one case: that case only.
    assert list(case_access.cases_visible_to(bob)) == [first]
    assert len(case_access.cases_visible_to(pat)) == 2
    # A coordinator implicated in a report of one case still sees the other case...
    assert list(case_access.cases_visible_to(cora)) == [second]
    # ...until implicated in that one too; a coordinator implicated in a case sees the others.
    cleo = make_user(org, "cleo", C)
    case_services.case_mark_implicated(case=second, by=alice, user=cleo)
    assert list(case_access.cases_visible_to(cleo)) == [first]
    case_services.case_mark_implicated(case=second, by=alice, user=cora)
    assert list(case_access.cases_visible_to(cora)) == []
    assert sorted(c.pk for c in case_access.cases_visible_to(alice)) == sorted([first.pk, second.pk])
