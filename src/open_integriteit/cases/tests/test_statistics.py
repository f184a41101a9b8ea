"""The cases' figures (issue 9, ADR 0025), from cases made through the real services with frozen
time: a case counts as opened in the year it was opened and as closed (with its findings,
measures and costs) in the year it was closed, by the date in Europe/Amsterdam; a case
destroyed by the retention job still counts; the number of queries does not grow with data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.accounts.models import User
from open_integriteit.cases import services
from open_integriteit.cases.models import Case
from open_integriteit.cases.statistics import SPECS
from open_integriteit.cases.workflow import State
from open_integriteit.figures import registry
from open_integriteit.lists.models import ListEntry
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.retention.runner import run_retention

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
KEYS = [spec.key for spec in SPECS]


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


def breakdown(figure: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in figure.breakdown}


def year(org: Any, y: int) -> dict[str, registry.Figure]:
    return registry.year_figures(organisation=org, year=y)


def investigated_case(
    team: dict[str, User],
    make_case: Callable[..., Case],
    walk: Callable[..., Case],
    *,
    opened: dt.datetime,
    closed: dt.datetime,
    findings: Iterable[str] = ("founded",),
    measures: Iterable[str] = ("coaching",),
    bureau: str = "",
    costs: Decimal | None = None,
    summary: dict[str, str] | None = None,
    **extra: Any,
) -> Case:
    """A case opened (and decided: investigate) at ``opened``, investigated with findings and
    measures, and closed with a final summary at ``closed`` (its texts from ``summary`` where
    given); by pat (principal) and bob."""
    pat, bob = team["pat"], team["bob"]
    with time_machine.travel(opened, tick=False):
        case = make_case(state=State.PRELIMINARY_INVESTIGATION, **extra)
        if bureau:
            services.external_update(
                case=case, by=pat, investigated_by="external", external_bureau=bureau, external_costs=costs
            )
    with time_machine.travel(closed, tick=False):
        walk(case, "conclude_preliminary")
        for outcome in findings:
            allegation = services.allegation_add(case=case, by=pat, description="Invented allegation")
            services.finding_record(allegation=allegation, by=bob, outcome=outcome)
        walk(case, "decide_measures")
        for kind in measures:
            services.measure_add(case=case, by=pat, kind=kind, decided_on=closed.date())
        walk(case, "measures_taken")
        texts = {
            "summary_description": "Invented: a tender was split into smaller orders.",
            "summary_findings": "Invented: the split was deliberate.",
            "summary_consequence": "Invented: the procedure was changed.",
            **(summary or {}),
        }
        services.summary_update(case=case, by=pat, summary_year=closed.year, **texts)
        services.summary_finalise(case=case, by=pat)
        return walk(case, "close")


def case_without_action(
    make_case: Callable[..., Case], walk: Callable[..., Case], *, opened: dt.datetime, closed: dt.datetime, **extra: Any
) -> Case:
    """A case the principal decided to take no action on, closed at ``closed``."""
    with time_machine.travel(opened, tick=False):
        case = make_case(state=State.FEEDBACK, **extra)
    with time_machine.travel(closed, tick=False):
        return walk(case, "close")


def test_a_case_opened_on_31_december_and_closed_on_1_january_counts_in_both_years(org, team, make_case, walk):
    # 23:30 on 31 December and 00:30 on 1 January in Amsterdam: both 31 December in UTC.
    investigated_case(
        team,
        make_case,
        walk,
        opened=local(2024, 12, 31, 23, 30),
        closed=local(2025, 1, 1, 0, 30),
        findings=("founded", "unfounded"),
        measures=("coaching", "written_reprimand"),
    )

    before, after = year(org, 2024), year(org, 2025)
    assert before["cases.opened"].total == 1
    assert breakdown(before["cases.opened"]) == {"business_integrity": 1}
    assert breakdown(before["cases.decisions"]) == {"investigate": 1}
    assert before["cases.closed"].total == 0
    assert before["cases.findings"].total == 0
    assert after["cases.opened"].total == 0
    assert after["cases.closed"].total == 1
    assert breakdown(after["cases.closed"]) == {"business_integrity": 1}
    assert breakdown(after["cases.outcomes"]) == {"disciplinary": 1}
    assert breakdown(after["cases.findings"]) == {"founded": 1, "unfounded": 1}
    assert after["cases.findings"].total == 2
    assert breakdown(after["cases.measures"]) == {"coaching": 1, "written_reprimand": 1}
    assert after["cases.decisions"].total == 0
    assert year(org, 2023)["cases.opened"].total == 0
    assert year(org, 2026)["cases.closed"].total == 0


def test_a_case_destroyed_after_retention_still_counts(org, team, make_case, walk):
    case = investigated_case(
        team, make_case, walk, opened=local(2023, 3, 1), closed=local(2023, 6, 1), findings=("unfounded",), measures=()
    )
    before = {key: (f.total, f.breakdown) for key, f in year(org, 2023).items() if key.startswith("cases.")}

    with time_machine.travel(local(2024, 6, 1), tick=False):  # unfounded: two months after closure
        assert run_retention() == 1
    case.refresh_from_db()
    assert case.state == State.DESTROYED
    assert case.title == ""  # the content is gone

    after = {key: (f.total, f.breakdown) for key, f in year(org, 2023).items() if key.startswith("cases.")}
    assert after == before
    assert after["cases.opened"][0] == 1 and after["cases.closed"][0] == 1
    assert breakdown(year(org, 2023)["cases.findings"]) == {"unfounded": 1}


def test_external_bureau_by_opening_year_and_costs_by_closing_year(org, team, make_case, walk):
    for costs in (Decimal("1200.50"), Decimal("800.00")):
        investigated_case(
            team,
            make_case,
            walk,
            opened=local(2024, 11, 1),
            closed=local(2025, 2, 1),
            bureau="Invented Investigations BV",
            costs=costs,
        )
    investigated_case(team, make_case, walk, opened=local(2024, 11, 2), closed=local(2025, 2, 2))

    assert year(org, 2024)["cases.external_bureau"].total == 2
    assert breakdown(year(org, 2024)["cases.external_bureau"]) == {"Invented Investigations BV": 2}
    assert year(org, 2024)["cases.external_costs"].total == 0
    assert year(org, 2025)["cases.external_costs"].total == Decimal("2000.50")
    assert registry.specs()["cases.external_costs"].unit == registry.Unit.EUROS


def test_retaliation_claims_by_date_of_request_with_their_outcome_and_decision(org, team, make_case, walk):
    original = case_without_action(make_case, walk, opened=local(2024, 1, 10), closed=local(2024, 2, 10))
    with time_machine.travel(local(2024, 12, 31, 22), tick=False):
        claim = services.retaliation_complaint_create(
            original=original, by=team["alice"], title="Invented retaliation", description="Invented: moved desk."
        )
        services.case_assign(case=claim, by=team["alice"], user=team["pat"])
    figures = year(org, 2024)
    assert figures["cases.retaliation_claims"].total == 1
    assert breakdown(figures["cases.retaliation_claims"]) == {"in_progress": 1}
    assert breakdown(figures["cases.retaliation_decisions"]) == {"": 1}
    assert figures["cases.opened"].total == 2  # the claim is a case of its own, too

    with time_machine.travel(local(2025, 1, 5), tick=False):
        walk(claim, "start_assessment", "submit_for_decision", "decide_no_action", "close")
    figures = year(org, 2024)
    assert breakdown(figures["cases.retaliation_claims"]) == {"no_action": 1}
    assert breakdown(figures["cases.retaliation_decisions"]) == {"no_action": 1}
    assert year(org, 2025)["cases.retaliation_claims"].total == 0
    assert breakdown(year(org, 2025)["cases.decisions"]) == {"no_action": 1}


def test_cases_per_category_and_outcome(org, team, make_case, walk):
    category = ListEntry.objects.filter(organisation=org, kind=CATEGORIES.code, active=True).order_by("position")[0]
    case_without_action(make_case, walk, opened=local(2022, 5, 1), closed=local(2022, 6, 1), category=category)
    case_without_action(make_case, walk, opened=local(2022, 5, 2), closed=local(2022, 6, 2))
    figures = year(org, 2022)
    assert breakdown(figures["cases.opened_by_category"]) == {category.code: 1, "none": 1}
    assert next(row.label for row in figures["cases.opened_by_category"].breakdown) == category.name
    assert breakdown(figures["cases.outcomes"]) == {"no_action": 2}


def test_another_organisations_cases_are_not_counted(org, other_org, team, make_case, walk):
    case_without_action(make_case, walk, opened=local(2022, 5, 1), closed=local(2022, 6, 1))
    assert year(other_org, 2022)["cases.opened"].total == 0
    assert year(org, 2022)["cases.opened"].total == 1


def _queries(org: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        registry.year_figures(organisation=org, year=2024, keys=KEYS)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_cases(org, team, make_case, walk):
    def add(n: int) -> None:
        for i in range(n):
            case_without_action(make_case, walk, opened=local(2024, 1, 1 + i % 28), closed=local(2024, 3, 1))

    add(3)
    few = _queries(org)
    add(27)
    assert year(org, 2024)["cases.closed"].total == 30
    assert _queries(org) == few
