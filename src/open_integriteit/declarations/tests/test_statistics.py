"""The declaration registers' figures (issue 9, ADR 0025), from declarations made and decided
through the real services with frozen time (``factories.declare``): a side job counts in the
year of its decision (in Europe/Amsterdam), a gift in the year it was received; drafts and
withdrawn declarations do not count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.declarations.decisions import gift_record_destination
from open_integriteit.declarations.models import Kind
from open_integriteit.declarations.statistics import SPECS
from open_integriteit.declarations.workflow import State
from open_integriteit.figures import registry

from .factories import DeclarationWorld, declare

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
KEYS = [spec.key for spec in SPECS]


def breakdown(figure: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in figure.breakdown}


def year(org: Any, y: int) -> dict[str, registry.Figure]:
    return registry.year_figures(organisation=org, year=y, keys=KEYS)


def side_job(world: DeclarationWorld, when: dt.datetime, state: str, name: str = "mila", **data: Any) -> None:
    with time_machine.travel(when, tick=False):
        declare(world, name, Kind.SIDE_JOB, state=state, **data)


def test_side_jobs_count_in_the_year_of_their_decision(declaration_world):
    w, org = declaration_world, declaration_world.org
    side_job(w, dt.datetime(2024, 12, 31, 23, 30, tzinfo=AMS), State.APPROVED, paid=False)
    side_job(w, dt.datetime(2025, 1, 1, 0, 30, tzinfo=AMS), State.RESTRICTED, paid=True)  # 31 Dec in UTC
    side_job(w, dt.datetime(2025, 5, 1, tzinfo=AMS), State.ENDED, paid=True)  # approved, then ended
    side_job(w, dt.datetime(2025, 5, 2, tzinfo=AMS), State.REFUSED, name="fenna")
    side_job(w, dt.datetime(2025, 5, 3, tzinfo=AMS), State.SUBMITTED)  # not decided yet
    side_job(w, dt.datetime(2025, 5, 4, tzinfo=AMS), State.WITHDRAWN)

    assert breakdown(year(org, 2024)["declarations.side_jobs"]) == {"unpaid": 1}
    figures = year(org, 2025)
    assert figures["declarations.side_jobs"].total == 2
    assert breakdown(figures["declarations.side_jobs"]) == {"paid": 2}
    assert breakdown(figures["declarations.side_job_decisions"]) == {"approved": 1, "restricted": 1, "refused": 1}


def test_gifts_count_in_the_year_they_were_received_per_destination(declaration_world):
    w, org = declaration_world, declaration_world.org
    handed_in = declare(w, "mila", Kind.GIFT, received_on=dt.date(2024, 12, 31), estimated_value=Decimal(120))
    declare(w, "fenna", Kind.GIFT, received_on=dt.date(2025, 1, 1))
    declare(w, "mila", Kind.GIFT, state=State.DRAFT, received_on=dt.date(2025, 1, 2))
    declare(w, "mila", Kind.GIFT, state=State.WITHDRAWN, received_on=dt.date(2025, 1, 3))
    gift_record_destination(
        declaration=handed_in, by=w.users["rita"], handed_in_on=dt.date(2025, 1, 6), destination="charity"
    )

    assert breakdown(year(org, 2024)["declarations.gifts"]) == {"charity": 1}
    assert breakdown(year(org, 2025)["declarations.gifts"]) == {"not_recorded": 1}


def test_the_number_of_queries_does_not_grow_with_the_declarations(declaration_world):
    w, org = declaration_world, declaration_world.org

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            year(org, 2025)
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            side_job(w, dt.datetime(2025, 3, 1 + i % 28, tzinfo=AMS), State.APPROVED, paid=bool(i % 2))
            declare(w, "fenna", Kind.GIFT, received_on=dt.date(2025, 2, 1 + i % 28))

    add(3)
    few = queries()
    add(27)
    assert year(org, 2025)["declarations.side_jobs"].total == 30
    assert year(org, 2025)["declarations.gifts"].total == 30
    assert queries() == few
