"""Every outcome keeps a closed case exactly its period (ADR 0008): the day before the end it
is kept, at the end it is destroyed. The measures decide first: a disciplinary measure gives
the disciplinary period whatever the decision path (a reprimand after informal handling)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from open_integriteit.cases import services
from open_integriteit.cases.models import Case
from open_integriteit.cases.workflow import State
from open_integriteit.reports.deadlines import add_months
from open_integriteit.retention.runner import run_retention

pytestmark = pytest.mark.django_db

START = dt.datetime(2024, 1, 31, 10, 0, tzinfo=dt.UTC)
MONTHS = {"no_action": 2, "unfounded": 2, "informal": 12, "referred": 12, "founded": 24, "disciplinary": 60}
SUMMARY = {
    "summary_year": 2024,
    "summary_principal": "Gemeentesecretaris",
    "summary_description": "Een melding over inkoop.",
    "summary_findings": "Zie de bevindingen.",
    "summary_consequence": "Zie de maatregelen.",
}


def _investigated(make_case, walk, team, finding: str, measure: str | None) -> Case:
    case = make_case(state=State.DECISION)
    walk(case, "decide_preliminary")
    allegation = services.allegation_add(case=case, by=team["pat"], description="Invented allegation")
    services.finding_record(allegation=allegation, by=team["bob"], outcome=finding)
    walk(case, "conclude_preliminary")
    if measure:
        walk(case, "decide_measures")
        services.measure_add(case=case, by=team["pat"], kind=measure, decided_on=START.date())
        walk(case, "measures_taken")
    else:
        walk(case, "no_measures")
    services.summary_update(case=case, by=team["pat"], **SUMMARY)
    services.summary_finalise(case=case, by=team["pat"])
    return walk(case, "close")


def _informal(make_case, walk, team, measure: str | None) -> Case:
    case = make_case(state=State.INFORMAL)
    if measure:
        services.measure_add(case=case, by=team["pat"], kind=measure, decided_on=START.date())
    return walk(case, "informal_done", "close")


CASES = {
    "no action": (lambda m, w, t: m(state=State.CLOSED), "no_action"),
    "unfounded": (lambda m, w, t: _investigated(m, w, t, "unfounded", None), "unfounded"),
    "cannot be established": (lambda m, w, t: _investigated(m, w, t, "cannot_be_established", None), "unfounded"),
    "partly founded": (lambda m, w, t: _investigated(m, w, t, "partly_founded", None), "founded"),
    "founded": (lambda m, w, t: _investigated(m, w, t, "founded", None), "founded"),
    "founded with coaching": (lambda m, w, t: _investigated(m, w, t, "founded", "coaching"), "founded"),
    "founded with dismissal": (lambda m, w, t: _investigated(m, w, t, "founded", "dismissal"), "disciplinary"),
    "informal": (lambda m, w, t: _informal(m, w, t, None), "informal"),
    "informal with coaching": (lambda m, w, t: _informal(m, w, t, "coaching"), "informal"),
    "informal with a written reprimand": (lambda m, w, t: _informal(m, w, t, "written_reprimand"), "disciplinary"),
    "referred": (lambda m, w, t: w(m(state=State.REFERRED), "referral_done", "close"), "referred"),
}


@pytest.mark.parametrize("name", CASES)
def test_each_outcome_keeps_the_case_exactly_its_period(name, make_case, walk, team):
    build, outcome = CASES[name]
    with time_machine.travel(START, tick=True):
        case = build(make_case, walk, team)
    case = Case.objects.get(pk=case.pk)
    assert (case.state, case.outcome) == (State.CLOSED, outcome)

    end = add_months(timezone.localtime(case.closed_at), MONTHS[outcome])
    with time_machine.travel(end - dt.timedelta(days=1), tick=False):
        assert run_retention() == 0
    assert Case.objects.get(pk=case.pk).state == State.CLOSED
    with time_machine.travel(end, tick=False):
        assert run_retention() == 1
    assert Case.objects.get(pk=case.pk).state == State.DESTROYED
