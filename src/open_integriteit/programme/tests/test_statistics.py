"""The figures of the annual programme: ``programme.actions`` counts the actions of the
year's programme per status (a carried action counts once in each of its two years);
``actions`` gives the report its rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.accounts.models import User
from open_integriteit.figures import registry
from open_integriteit.programme import services, statistics

from .test_programme import plan

pytestmark = pytest.mark.django_db


def test_actions_per_status_in_the_programme_year(org: Any, personas: dict[str, User]) -> None:
    alice = personas["alice"]
    carried = plan(org, alice, year=2025, title="Integriteitsbeleid evalueren", status="postponed")
    plan(org, alice, year=2025, title="E-learning", status="done", outcome="412 deelnemers")
    plan(org, alice, year=2025, title="Webinar", status="cancelled")
    services.action_carry(action=carried, by=alice)
    plan(org, alice, year=2026, title="Dilemmasessies", status="in_progress")
    plan(personas["grace"].organisation, personas["grace"], year=2025, title="Elders")

    figure_2025 = registry.year_figures(organisation=org, year=2025)["programme.actions"]
    assert figure_2025.total == 3
    assert [(row.key, row.value) for row in figure_2025.breakdown] == [("done", 1), ("postponed", 1), ("cancelled", 1)]
    figure_2026 = registry.year_figures(organisation=org, year=2026)["programme.actions"]
    assert figure_2026.total == 2
    assert [(row.key, row.value) for row in figure_2026.breakdown] == [("planned", 1), ("in_progress", 1)]
    assert registry.year_figures(organisation=org, year=2024)["programme.actions"].total is None


def test_the_report_rows_of_a_year(org: Any, personas: dict[str, User]) -> None:
    alice = personas["alice"]
    carried = plan(org, alice, year=2025, title="Beleid evalueren", owner_text="Coördinator", status="in_progress")
    plan(org, alice, year=2025, title="E-learning", owner_text="HR", status="done", outcome="412 deelnemers")
    services.action_carry(action=carried, by=alice)
    rows = statistics.actions(organisation=org, year=2025)
    assert [(r.title, r.owner, r.status, r.outcome, r.carried_to_year) for r in rows] == [
        ("Beleid evalueren", "Coördinator", "in_progress", "", 2026),
        ("E-learning", "HR", "done", "412 deelnemers", None),
    ]
    (row_2026,) = statistics.actions(organisation=org, year=2026)
    assert (row_2026.title, row_2026.carried_from_year, row_2026.status) == ("Beleid evalueren", 2025, "planned")


def test_one_query_each_whatever_the_number_of_actions(org: Any, personas: dict[str, User]) -> None:
    for n in range(5):
        plan(org, personas["alice"], year=2025, title=f"Actie {n}")
    with CaptureQueriesContext(connection) as queries:
        statistics.figures(organisation=org, year=2025)
        statistics.actions(organisation=org, year=2025)
    assert len(queries) == 2
