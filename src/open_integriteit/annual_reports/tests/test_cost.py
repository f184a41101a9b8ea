"""What one more year of data costs the annual report (issue 10): no extra queries.

`make bench-report` times the document and its four formats with ten years of a large
organisation; this test proves, without timing, why that cost stays the same as the years
pile up: ``document.build`` reads the figures of all the years it shows through the
statistics surface at once, so the number of its queries depends neither on how many years
of records the organisation has nor on how many records a year holds.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.advice.tests.test_advice import make as make_advice
from open_integriteit.annual_reports import document, services
from open_integriteit.cases.tests.test_statistics import investigated_case, local
from open_integriteit.consultations import services as consultation_services
from open_integriteit.consultations.models import AdviserKind
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.lists.selectors import entries_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_year(org, team, make_report, make_case, walk):
    """Records of one year in several apps: a report of a suspected misstand, an investigated
    case with a final summary for the council, an adviser's contact and an advice request."""
    alice, carol = team["alice"], team["carol"]
    adviser = consultation_services.adviser_create(
        organisation=org, by=alice, kind=AdviserKind.INTERNAL, display_name="Intern", user=carol
    )
    topic = entries_by_code(organisation=org, kind=TOPICS.code)["onveiligheid"]

    def add(year: int, records: int = 1) -> None:
        for n in range(1, records + 1):
            with time_machine.travel(local(year, 3, n), tick=False):
                make_report(ground="misstand")
            investigated_case(team, make_case, walk, opened=local(year, 2, n), closed=local(year, 6, n))
            consultation_services.contact_log(
                adviser=adviser, by=carol, date=dt.date(year, 4, n), topic=topic, conversations=1, led_to_report=False
            )
            make_advice(org, alice, date=dt.date(year, 5, n))

    return add


def _build(report):
    with CaptureQueriesContext(connection) as queries:
        built = document.build(report)
    return built, len(queries)


def _total(built: document.Document, key: str, year: int) -> str:
    block = next(f for s in built.sections for f in s.figures if f.key == key)
    return next(v.total for v in block.years if v.year == year)


def test_building_the_report_takes_as_many_queries_with_four_years_of_data_as_with_two(org, personas, add_year):
    report = services.report_create(organisation=org, first_year=2024, last_year=2025, by=personas["alice"])
    add_year(2024)
    add_year(2025)
    two_years, two_years_queries = _build(report)

    add_year(2022)
    add_year(2023)
    add_year(2025, records=2)  # and more records in a year the report shows
    four_years, four_years_queries = _build(report)

    # The document shows what was added: the more data, the higher the figures ...
    assert _total(two_years, "reports.reports", 2025) == "1"
    assert _total(four_years, "reports.reports", 2025) == "3"
    assert _total(four_years, "cases.closed", 2025) == "3"
    assert [row[0] for row in _table(four_years, "cases").rows] == ["2024", "2025", "2025", "2025"]
    # ... but it is read with the same queries.
    assert four_years_queries == two_years_queries


def _table(built: document.Document, key: str) -> document.Table:
    return next(t for s in built.sections for t in s.tables if t.key == key)
