"""The retention periods of cases (ADR 0008) as rules, without the database: which outcome
keeps a closed case how long by default, how a case's outcome finds its period, and what the
registry is told about destruction.

``make mutation`` runs these against every mutant of ``cases/retention.py``; destruction
itself is tried on the database in ``test_retention.py`` and ``test_outcomes.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from open_integriteit.cases import retention
from open_integriteit.cases.models import Case, Outcome
from open_integriteit.cases.workflow import State
from open_integriteit.retention import registry

# Months after closure, per outcome (ADR 0008).
AGREED_MONTHS = {
    "no_action": 2,
    "unfounded": 2,
    "informal": 12,
    "referred": 12,
    "founded": 24,
    "disciplinary": 60,
}


def test_each_outcome_keeps_a_closed_case_its_agreed_number_of_months_by_default():
    assert retention.DEFAULT_RETENTION_MONTHS == AGREED_MONTHS
    assert set(AGREED_MONTHS) == set(Outcome.values)


@pytest.mark.parametrize("outcome", sorted(AGREED_MONTHS))
def test_an_outcome_has_its_own_period_key(outcome):
    assert retention.period_key(outcome) == f"cases.{outcome}"


@pytest.mark.parametrize("outcome", ["", "unknown", "DISCIPLINARY"])
def test_a_case_closed_before_outcomes_existed_keeps_the_longest_period(outcome):
    assert retention.period_key(outcome) == "cases.disciplinary"
    longest = max(AGREED_MONTHS.values())
    assert AGREED_MONTHS["disciplinary"] == longest


@pytest.mark.parametrize("state", [s for s in State.values if s != State.CLOSED])
def test_only_a_closed_case_has_an_end_of_retention(state):
    case = Case(state=state, closed_at=dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.UTC), outcome=Outcome.NO_ACTION)
    assert retention.retention_ends(case) is None


def test_a_closed_case_without_a_closing_moment_has_no_end_of_retention():
    assert retention.retention_ends(Case(state=State.CLOSED, closed_at=None, outcome=Outcome.NO_ACTION)) is None


def test_the_final_summary_is_kept_and_everything_else_of_it_goes_unless_final():
    assert retention.SUMMARY_TEXT == (
        "summary_description",
        "summary_object",
        "summary_findings",
        "summary_consequence",
    )
    assert retention.SUMMARY_PLAIN == {"summary_year": None, "summary_principal": "", "summary_bureau": ""}
    fields = {field.name for field in Case._meta.get_fields()}
    assert set(retention.SUMMARY_TEXT) | set(retention.SUMMARY_PLAIN) <= fields


@pytest.fixture
def registered(monkeypatch) -> registry.Policy:
    monkeypatch.setattr(registry, "_POLICIES", {})
    retention.register_policy()
    (policy,) = registry.policies()
    return policy


def test_the_registry_knows_cases_with_a_period_per_outcome(registered):
    assert registered.code == "cases.case"
    assert {p.key: p.default_months for p in registered.periods} == {
        f"cases.{outcome}": months for outcome, months in AGREED_MONTHS.items()
    }
    assert [p.key for p in registered.periods] == [f"cases.{outcome}" for outcome in Outcome.values]
    assert [str(p.label) for p in registered.periods] == [str(label) for label in Outcome.labels]


def test_the_registry_runs_the_cases_own_pending_and_destroy(registered):
    assert registered.pending is retention.pending
    assert registered.destroy is retention.destroy_if_due
    assert not registered.kept_because


def test_the_registry_says_what_goes_and_what_stays(registered):
    from django.utils import translation

    with translation.override("en"):
        assert str(registered.label) == "Cases"
        assert str(registered.event) == "the closure of the case"
        assert str(registered.destroys).startswith("Parties, hearings, notes, assessments")
        assert "a summary that was never marked final" in str(registered.destroys)
        assert str(registered.keeps).startswith("Reference, dates, origin")
        assert "the final summary for the council" in str(registered.keeps)
