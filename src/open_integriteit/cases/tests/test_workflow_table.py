"""The transition table is tested exhaustively: every (state, transition, role) triple is
either allowed or refused through ``case_transition`` exactly as the table says.

For each role (the system included) one case and one user holding only that role are
made; the case is then put in every state in turn and every transition is tried.
"""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services, workflow
from open_integriteit.cases.models import Case, Note
from open_integriteit.cases.workflow import BY_NAME, TRANSITIONS, State
from open_integriteit.reports.models import Status
from open_integriteit.testing.fixtures import REASON, make_user, shortest_path

from .test_workflow_rules import NEEDS_REASON, table_says

pytestmark = pytest.mark.django_db

C, P, I, S = Role.COORDINATOR, Role.CASE_PRINCIPAL, Role.INVESTIGATOR, workflow.SYSTEM  # noqa: E741

UNASSIGNABLE = {Role.ADMINISTRATOR, Role.AUDITOR, Role.EMPLOYEE, Role.REGISTER_CLERK}


def _state(case: Case) -> str:
    return Case.objects.filter(pk=case.pk).values_list("state", flat=True).get()


@pytest.mark.parametrize("role", workflow.ALL_ROLES)
def test_every_state_and_transition_is_allowed_or_refused_as_the_table_says(role, org, team, make_case):
    case = make_case(assign=())
    if role == S:
        user = None
    else:
        user = make_user(org, f"only-{role}", role)
        if role in UNASSIGNABLE:
            with pytest.raises(ValidationError):
                services.case_assign(case=case, by=team["alice"], user=user)
        elif role != C:
            services.case_assign(case=case, by=team["alice"], user=user)
        assert user.role_set == {role}

    tried = made = 0
    for state, name in itertools.product(State.values, BY_NAME):
        Case.objects.filter(pk=case.pk).update(state=state)
        tried += 1
        if workflow.allowed(state=state, transition=name, roles={role}):
            assert table_says(state, name, role)
            result = services.case_transition(case=case, by=user, transition=name, reason=REASON)
            assert result.state == BY_NAME[name].target, (state, name, role)
            assert _state(case) == BY_NAME[name].target
            made += 1
        else:
            with pytest.raises(PermissionDenied):
                services.case_transition(case=case, by=user, transition=name, reason=REASON)
            assert _state(case) == state, (state, name, role)

    assert tried == len(State) * len(TRANSITIONS)
    # Each transition has exactly one source state, so a role makes each of its transitions once.
    assert made == sum(1 for t in TRANSITIONS if role in t.roles)
    if role in UNASSIGNABLE:
        assert made == 0


def test_a_role_in_the_table_without_need_to_know_is_refused(org, team, make_case, other_org):
    case = make_case(state=State.ASSESSMENT, assign=())
    unassigned_investigator = make_user(org, "ivan", Role.INVESTIGATOR)
    implicated_coordinator = make_user(org, "zoe", Role.COORDINATOR)
    services.case_mark_implicated(case=case, by=team["alice"], user=implicated_coordinator)
    foreign_coordinator = team["grace"]
    for user in (unassigned_investigator, implicated_coordinator, foreign_coordinator):
        with pytest.raises(PermissionDenied):
            services.case_transition(case=case, by=user, transition="submit_for_decision")
    assert _state(case) == State.ASSESSMENT
    # Once assigned, the same investigator may make the step.
    services.case_assign(case=case, by=team["alice"], user=unassigned_investigator)
    services.case_transition(case=case, by=unassigned_investigator, transition="submit_for_decision")
    assert _state(case) == State.DECISION


@pytest.mark.parametrize("name", sorted(NEEDS_REASON))
def test_steps_that_need_a_reason_refuse_an_empty_one_even_for_allowed_roles(name, team, make_case):
    spec = BY_NAME[name]
    case = make_case(state=spec.source)
    user = team["alice"] if C in spec.roles else team["pat"]
    assert workflow.allowed(state=spec.source, transition=name, roles=user.role_set)
    for empty in ("", "   \n"):
        with pytest.raises(ValidationError) as excinfo:
            services.case_transition(case=case, by=user, transition=name, reason=empty)
        assert "reason" in excinfo.value.message_dict
        assert _state(case) == spec.source
    services.case_transition(case=case, by=user, transition=name, reason=REASON)
    assert _state(case) == spec.target


def test_reopen_increments_the_count_records_a_note_and_reopens_the_reports(team, make_case, make_report):
    report, _code = make_report()
    case = make_case(state=State.CLOSED, reports=[report])
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert case.closed_at is not None and case.outcome
    notes_before = Note.objects.filter(case=case).count()

    case = services.case_transition(case=case, by=team["alice"], transition="reopen", reason="New facts came to light")
    assert case.state == State.ASSESSMENT
    assert case.reopened_count == 1
    assert case.closed_at is None and case.outcome == ""
    note = Note.objects.filter(case=case).order_by("-pk").first()
    assert Note.objects.filter(case=case).count() == notes_before + 1
    assert "New facts came to light" in note.text and note.author == team["alice"]
    report.refresh_from_db()
    # Back to where it was before the closure: it had its feedback (closing requires that).
    assert report.status == Status.FEEDBACK_GIVEN and report.closed_at is None
    # The reason is content: the audit event names the step, never the reason.
    event = AuditEvent.objects.filter(action="case.transition", object_id=str(case.pk)).order_by("-sequence").first()
    assert event.details == {"step": "reopen", "source": "closed", "target": "assessment"}

    for _round in range(2):
        for transition in shortest_path(State.CLOSED, source=State.ASSESSMENT):
            user = team["alice"] if C in transition.roles else team["pat"]
            services.case_transition(case=case, by=user, transition=transition.name, reason=REASON)
        case = services.case_transition(case=case, by=team["alice"], transition="reopen", reason=REASON)
    assert case.reopened_count == 3


@pytest.mark.parametrize("state", State.values)
def test_every_state_is_reached_through_the_service(state, make_case):
    case = make_case(state=state)
    assert _state(case) == state


def test_an_unknown_step_is_refused(team, make_case):
    case = make_case(state=State.CLOSED)
    for by in (team["alice"], None):
        for name in ("fly_to_the_moon", "", "CLOSE", "destroyed"):
            with pytest.raises(ValidationError):
                services.case_transition(case=case, by=by, transition=name, reason=REASON)
    assert _state(case) == State.CLOSED
