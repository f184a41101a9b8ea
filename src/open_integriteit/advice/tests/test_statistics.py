"""The advice figures (issue 9, ADR 0025), from advice requests registered through the real
service: an advice counts in the year of its date, per topic and per way it came in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.advice.statistics import SPECS
from open_integriteit.figures import registry

from .test_advice import make

pytestmark = pytest.mark.django_db
KEYS = [spec.key for spec in SPECS]


def breakdown(figure: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in figure.breakdown}


def year(org: Any, y: int) -> dict[str, registry.Figure]:
    return registry.year_figures(organisation=org, year=y, keys=KEYS)


def test_advice_counts_in_the_year_of_its_date_per_topic_and_channel(org, other_org, personas):
    alice = personas["alice"]
    make(org, alice, date=dt.date(2024, 12, 31), topic="side_jobs")
    make(org, alice, date=dt.date(2025, 1, 1), topic="side_jobs", received_via="hr")
    make(org, alice, date=dt.date(2025, 3, 1), topic="gifts_invitations")

    figures = year(org, 2025)
    assert figures["advice.requests"].total == 2
    assert breakdown(figures["advice.requests"]) == {"gifts_invitations": 1, "side_jobs": 1}
    assert breakdown(figures["advice.received_via"]) == {"coordinator": 1, "hr": 1}
    assert year(org, 2024)["advice.requests"].total == 1
    assert year(other_org, 2025)["advice.requests"].total == 0


def test_the_number_of_queries_does_not_grow_with_the_advice(org, personas):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            year(org, 2024)
        return len(captured)

    topics = ["side_jobs", "gifts_invitations", "behaviour"]
    for i in range(3):
        make(org, personas["alice"], date=dt.date(2024, 1, 1 + i), topic=topics[i])
    few = queries()
    for i in range(27):
        make(org, personas["alice"], date=dt.date(2024, 2, 1 + i), topic=topics[i % 3])
    assert year(org, 2024)["advice.requests"].total == 30
    assert queries() == few
