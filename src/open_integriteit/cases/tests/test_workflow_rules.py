"""The transition table and the state sets as rules, without the database.

``make mutation`` runs these against every mutant of ``cases/workflow.py``: each test here
pins one rule exactly, so that leaving out a transition, a role or a state is noticed.
The same table is tried through the service, state by state, in ``test_workflow_table.py``.
"""

from __future__ import annotations

import itertools

from open_integriteit.accounts.models import Role
from open_integriteit.cases import workflow
from open_integriteit.cases.workflow import BY_NAME, TRANSITIONS, State

C, P, I, S = Role.COORDINATOR, Role.CASE_PRINCIPAL, Role.INVESTIGATOR, workflow.SYSTEM  # noqa: E741

# The table as agreed (DOMAIN.md §4.2). A change to workflow.TRANSITIONS must change this too.
EXPECTED_TABLE = {
    "start_assessment": ("intake", "assessment", {C}),
    "submit_for_decision": ("assessment", "decision", {C, I}),
    "decide_preliminary": ("decision", "preliminary_investigation", {P}),
    "decide_investigate": ("decision", "investigation", {P}),
    "decide_informal": ("decision", "informal", {P}),
    "decide_refer": ("decision", "referred", {P}),
    "decide_no_action": ("decision", "feedback", {P}),
    "escalate": ("preliminary_investigation", "investigation", {P}),
    "conclude_preliminary": ("preliminary_investigation", "findings", {P, I}),
    "start_hearing": ("investigation", "hearing", {I}),
    "complete_hearing": ("hearing", "findings", {I}),
    "decide_measures": ("findings", "measures", {P}),
    "no_measures": ("findings", "feedback", {P}),
    "measures_taken": ("measures", "feedback", {C, P}),
    "informal_done": ("informal", "feedback", {C}),
    "referral_done": ("referred", "feedback", {C}),
    "close": ("feedback", "closed", {C}),
    "reopen": ("closed", "assessment", {C}),
    "destroy": ("closed", "destroyed", {S}),
}
NEEDS_REASON = {"decide_no_action", "no_measures", "reopen"}


def table_says(state: str, name: str, role: str) -> bool:
    spec = BY_NAME[name]
    return spec.source == state and role in spec.roles


def test_the_table_is_the_agreed_one():
    actual = {t.name: (t.source, t.target, set(t.roles)) for t in TRANSITIONS}
    assert actual == EXPECTED_TABLE
    assert {t.name for t in TRANSITIONS if t.needs_reason} == NEEDS_REASON
    assert len(BY_NAME) == len(TRANSITIONS), "transition names are unique"
    assert set(workflow.ALL_ROLES) == {*Role.values, S}


def test_allowed_is_exactly_the_table_for_every_triple():
    for state, name, role in itertools.product(State.values, BY_NAME, workflow.ALL_ROLES):
        assert workflow.allowed(state=state, transition=name, roles={role}) == table_says(state, name, role), (
            state,
            name,
            role,
        )
    # Several roles at once: allowed when any one of them is.
    assert workflow.allowed(state=State.MEASURES, transition="measures_taken", roles={Role.EMPLOYEE, P})
    assert not workflow.allowed(state=State.MEASURES, transition="measures_taken", roles=set())


def test_every_state_is_reachable_from_intake_and_none_is_a_dead_end():
    reachable = workflow.reachable_states()
    assert reachable == set(State.values)
    assert State.DESTROYED in reachable
    for state in set(State.values) - {State.DESTROYED}:
        assert workflow.available(state=state, roles=set(workflow.ALL_ROLES)), f"{state} is a dead end"
    assert workflow.available(state=State.DESTROYED, roles=set(workflow.ALL_ROLES)) == []


def test_the_system_role_is_its_own_name_and_no_user_role():
    assert S == "system"
    assert S not in Role.values


def test_available_lists_the_steps_out_of_a_state_for_the_roles_in_table_order():
    names = [t.name for t in workflow.available(state=State.DECISION, roles={P})]
    assert names == ["decide_preliminary", "decide_investigate", "decide_informal", "decide_refer", "decide_no_action"]
    assert workflow.available(state=State.DECISION, roles={C, I}) == []
    assert [t.name for t in workflow.available(state=State.ASSESSMENT, roles={I})] == ["submit_for_decision"]
    assert [t.name for t in workflow.available(state=State.CLOSED, roles={C, S})] == ["reopen", "destroy"]


def test_an_unknown_step_or_a_step_from_another_state_is_never_allowed():
    everyone = set(workflow.ALL_ROLES)
    assert not workflow.allowed(state=State.CLOSED, transition="fly_to_the_moon", roles=everyone)
    assert not workflow.allowed(state=State.CLOSED, transition="close", roles=everyone)
    assert workflow.allowed(state=State.FEEDBACK, transition="close", roles=frozenset({C}))


def test_records_can_be_added_only_in_their_states():
    open_states = set(State.values) - {State.CLOSED, State.DESTROYED}
    assert open_states == workflow.OPEN_STATES
    assert {State.PRELIMINARY_INVESTIGATION, State.INVESTIGATION, State.HEARING} == workflow.HEARING_STATES
    assert {State.PRELIMINARY_INVESTIGATION, State.HEARING, State.FINDINGS} == workflow.FINDING_STATES
    assert {State.FINDINGS, State.MEASURES, State.INFORMAL} == workflow.MEASURE_STATES


def test_every_transition_label_is_its_own_text():
    labels = [str(t.label) for t in TRANSITIONS]
    assert all(labels) and len(set(labels)) == len(labels)
    assert not any(t.needs_reason for t in TRANSITIONS if t.name not in NEEDS_REASON)


def test_reachable_states_follow_the_arrows_of_the_table_only():
    assert workflow.reachable_states(State.DESTROYED) == {State.DESTROYED}
    assert workflow.reachable_states(State.CLOSED) == set(State.values) - {State.INTAKE}
