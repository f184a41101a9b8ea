"""The retention periods of cases (ADR 0008) as rules, without the database: which outcome
keeps a closed case how long by default, how a case's outcome finds its period, and what the
registry is told about destruction.

``make mutation`` runs these against every mutant of ``cases/retention.py``: the end of a
case's period, whether it is due, what the registry lists, what goes and what stays are
pure functions here. The queries and the destruction itself are tried on the database in
``test_retention.py`` and ``test_outcomes.py``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from open_integriteit.cases import retention
from open_integriteit.cases.models import (
    Allegation,
    Assessment,
    Case,
    CaseAssignment,
    CaseDocument,
    CaseImplication,
    CaseImplicationWithdrawal,
    CaseReport,
    Hearing,
    Measure,
    Note,
    Outcome,
    Party,
    ProtectiveMeasure,
    RetaliationRisk,
)
from open_integriteit.cases.workflow import State
from open_integriteit.complaints.models import Complaint
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
    with translation.override("en"):
        assert str(registered.label) == "Cases"
        assert str(registered.event) == "the closure of the case"
        assert str(registered.destroys) == (
            "Parties, hearings, notes, assessments, risk assessments, protective measures, documents, "
            "assignments and implications; the texts of the case, its allegations, findings and measures; "
            "a summary that was never marked final; and the content, identity, messages, minutes and "
            "attachments of its reports."
        )
        assert str(registered.keeps) == (
            "Reference, dates, origin, ground, category, decision, outcome, external bureau and costs, "
            "referral, fraud; the outcome of each finding and the kind of each measure; the final summary "
            "for the council; per report its dates, channel, ground, category, reporter type and anonymity."
        )


# --- The end of a closed case's period ------------------------------------------------------

ORGANISATION = 7
CLOSED_AT = dt.datetime(2024, 1, 31, 10, 0, tzinfo=dt.UTC)  # 11:00 in Amsterdam
# The months this organisation chose; any other organisation or key is a lookup error.
CHOSEN = {(ORGANISATION, "cases.founded"): 3, (ORGANISATION, "cases.disciplinary"): 6}


def chosen_months(organisation_id: int, key: str) -> int:
    return CHOSEN[(organisation_id, key)]


def closed_case(outcome: str = Outcome.FOUNDED, **fields) -> Case:
    values = {
        "organisation_id": ORGANISATION,
        "reference": "ZW-2024-0007",
        "state": State.CLOSED,
        "closed_at": CLOSED_AT,
        "outcome": outcome,
    }
    return Case(**(values | fields))


def amsterdam(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_a_closed_case_keeps_its_content_the_chosen_calendar_months_from_its_closure():
    # Three months from 31 January is the end of April, at the local hour of closure.
    assert retention.end_of_retention(closed_case(), chosen_months) == amsterdam(2024, 4, 30, 11, 0)


def test_the_period_is_the_one_of_the_case_s_own_organisation_and_outcome():
    assert retention.end_of_retention(closed_case(Outcome.DISCIPLINARY), chosen_months) == amsterdam(2024, 7, 31, 11, 0)
    # Closed before outcomes existed: the longest period, the disciplinary one.
    assert retention.end_of_retention(closed_case(""), chosen_months) == amsterdam(2024, 7, 31, 11, 0)
    with pytest.raises(KeyError):  # another organisation's choice is never looked up
        retention.end_of_retention(closed_case(organisation_id=8), chosen_months)


@pytest.mark.parametrize("state", [s for s in State.values if s != State.CLOSED])
def test_a_case_that_is_not_closed_has_no_end_whatever_its_period(state):
    assert retention.end_of_retention(closed_case(state=state), chosen_months) is None
    assert retention.end_of_retention(closed_case(closed_at=None), chosen_months) is None


def test_a_case_is_due_from_the_very_moment_its_period_ends():
    end = amsterdam(2024, 4, 30, 11, 0)
    case = closed_case()
    assert retention.is_due(case, protected=False, now=end, months=chosen_months) is True
    assert retention.is_due(case, protected=False, now=end + dt.timedelta(days=400), months=chosen_months) is True
    assert retention.is_due(case, protected=False, now=end - dt.timedelta(seconds=1), months=chosen_months) is False


def test_a_running_protective_measure_keeps_a_case_that_is_due():
    later = amsterdam(2030, 1, 1, 0, 0)
    assert retention.is_due(closed_case(), protected=True, now=later, months=chosen_months) is False


def test_a_case_that_is_not_closed_is_never_due():
    later = amsterdam(2030, 1, 1, 0, 0)
    assert (
        retention.is_due(closed_case(state=State.DECISION), protected=False, now=later, months=chosen_months) is False
    )
    assert retention.is_due(closed_case(closed_at=None), protected=False, now=later, months=chosen_months) is False


# --- What the registry lists ------------------------------------------------------------------


def test_the_registry_lists_a_closed_case_by_reference_with_its_closure_and_end():
    case = closed_case()
    entry = retention.pending_entry(case, protected=False, months=chosen_months)
    assert entry.obj is case
    assert entry.label == "ZW-2024-0007"
    assert entry.event_at == CLOSED_AT
    assert entry.ends_at == amsterdam(2024, 4, 30, 11, 0)
    assert entry.postponed_by == ""
    assert entry.url == reverse("cases:detail", args=["ZW-2024-0007"]) == "/medewerkers/zaken/ZW-2024-0007/"


def test_a_protected_case_is_listed_without_an_end_and_with_the_reason():
    entry = retention.pending_entry(closed_case(), protected=True, months=chosen_months)
    assert entry.ends_at is None
    with translation.override("en"):
        assert str(entry.postponed_by) == "a protective measure for the reporter is still running"
    assert (entry.label, entry.event_at) == ("ZW-2024-0007", CLOSED_AT)


# --- What goes and what stays -----------------------------------------------------------------

# The rows of a case that stay, their text emptied: the statistical record (and another
# case that names this one as the retaliation it is about).
KEPT_WITH_TEXT_EMPTIED = {Allegation, Measure, CaseReport, Case}
# Other apps' rows that point at a case keep their own retention: a complaint that became a
# case (complaints/models.py; its link is cleared, never the complaint, if the case row goes).
POINTING_FROM_OTHER_APPS = {Complaint}


def test_every_row_of_a_case_is_destroyed_or_kept_on_purpose():
    deleted = set(retention.DELETED_BEFORE_REPORTS) | set(retention.DELETED_AFTER_REPORTS)
    assert deleted == {
        Hearing,
        CaseDocument,
        Note,
        Assessment,
        RetaliationRisk,
        ProtectiveMeasure,
        Party,
        CaseAssignment,
        CaseImplication,
        CaseImplicationWithdrawal,
    }
    assert len(deleted) == len(retention.DELETED_BEFORE_REPORTS) + len(retention.DELETED_AFTER_REPORTS)
    related = {relation.related_model for relation in Case._meta.related_objects}
    assert related == deleted | KEPT_WITH_TEXT_EMPTIED | POINTING_FROM_OTHER_APPS
    assert not deleted & KEPT_WITH_TEXT_EMPTIED


def test_a_party_goes_after_the_hearings_that_name_it():
    order = list(retention.DELETED_BEFORE_REPORTS)
    assert order.index(Hearing) < order.index(Party)


def test_a_final_summary_is_kept_and_one_never_marked_final_goes_whole():
    assert retention.summary_clearing(final=True) == {
        "keep": ("summary_description", "summary_object", "summary_findings", "summary_consequence")
    }
    assert retention.summary_clearing(final=False) == {
        "keep": (),
        "summary_year": None,
        "summary_principal": "",
        "summary_bureau": "",
    }


def test_the_destruction_is_audited_with_codes_and_counts_only():
    case = closed_case(Outcome.INFORMAL, title="Geheime titel")
    assert retention.destruction_details(case, reports=2, summary_kept=False) == {
        "outcome": "informal",
        "reports": 2,
        "summary_kept": False,
    }
    assert retention.destruction_details(case, reports=0, summary_kept=True) == {
        "outcome": "informal",
        "reports": 0,
        "summary_kept": True,
    }
