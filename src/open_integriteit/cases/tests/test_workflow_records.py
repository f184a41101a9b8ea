"""The closed-case guard (ADR 0008) as rules, without the database: which record can be
written in which state of the case.

``make mutation`` runs these against every mutant of ``cases/workflow.py`` (with
``test_workflow_rules.py``): leaving a record out of ``RECORDS`` or a state out of one of
the state sets must be noticed here.
"""

from __future__ import annotations

import pytest

from open_integriteit.cases import workflow
from open_integriteit.cases.workflow import State

EVERY_STATE = set(State.values)
# Everything until the case is closed.
OPEN = EVERY_STATE - {State.CLOSED, State.DESTROYED}
# Also after closure, until destruction: the reporter's protection, and who may still see the case.
LIVE = EVERY_STATE - {State.DESTROYED}

# The guard as agreed: per action of the case page, the states in which it can be written.
EXPECTED = {
    "add_report": OPEN,
    "assign": OPEN,
    "unassign": LIVE,
    "implicate": LIVE,
    "party": OPEN,
    "risk": OPEN,
    "assessment": {State.INTAKE, State.ASSESSMENT},
    "allegation": OPEN,
    "finding": {State.PRELIMINARY_INVESTIGATION, State.HEARING, State.FINDINGS},
    "hearing": {State.PRELIMINARY_INVESTIGATION, State.INVESTIGATION, State.HEARING},
    "measure": {State.FINDINGS, State.MEASURES, State.INFORMAL},
    "protection": LIVE,
    "protection_update": LIVE,
    "retaliation": LIVE,
    "external": OPEN,
    "document": OPEN,
    "note": OPEN,
    "lessons": OPEN,
    "summary": OPEN,
    "summary_final": OPEN,
}


def test_the_guard_knows_every_action_of_the_case_page_and_no_other():
    assert set(workflow.RECORDS) == set(EXPECTED)


@pytest.mark.parametrize("record", sorted(EXPECTED))
def test_each_record_can_be_written_in_exactly_its_states(record):
    for state in State.values:
        assert workflow.writable(state=state, record=record) == (state in EXPECTED[record]), (record, state)


def test_a_closed_case_takes_only_the_reporters_protection_and_access_changes():
    after_closure = {record for record in EXPECTED if workflow.writable(state=State.CLOSED, record=record)}
    assert after_closure == {"unassign", "implicate", "protection", "protection_update", "retaliation"}


def test_nothing_at_all_is_written_to_a_destroyed_case():
    assert not any(workflow.writable(state=State.DESTROYED, record=record) for record in EXPECTED)


def test_the_state_sets_are_the_agreed_ones():
    assert workflow.OPEN_STATES == OPEN
    assert workflow.LIVE_STATES == LIVE
    assert {State.INTAKE, State.ASSESSMENT} == workflow.ASSESSMENT_STATES
    assert {State.PRELIMINARY_INVESTIGATION, State.INVESTIGATION, State.HEARING} == workflow.HEARING_STATES
    assert {State.PRELIMINARY_INVESTIGATION, State.HEARING, State.FINDINGS} == workflow.FINDING_STATES
    assert {State.FINDINGS, State.MEASURES, State.INFORMAL} == workflow.MEASURE_STATES


def test_each_record_has_a_label_that_can_be_shown_in_the_refusal():
    # "%(what)s cannot be recorded while ...": the label names the record. Two actions of the
    # protective measure share their label; every other record has its own.
    labels = {record: str(spec.label) for record, spec in workflow.RECORDS.items()}
    assert all(labels.values())
    assert labels["protection"] == labels["protection_update"]
    assert labels["summary"] == labels["summary_final"]
    others = [label for record, label in labels.items() if record not in ("protection_update", "summary_final")]
    assert len(set(others)) == len(others)


def test_the_state_sets_nest_as_the_workflow_runs():
    assert workflow.OPEN_STATES < workflow.LIVE_STATES < EVERY_STATE
    for subset in (workflow.ASSESSMENT_STATES, workflow.HEARING_STATES, workflow.FINDING_STATES):
        assert subset <= workflow.OPEN_STATES
    assert workflow.MEASURE_STATES <= workflow.OPEN_STATES
