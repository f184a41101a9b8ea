"""The reports' figures (issue 9, ADR 0025), from reports submitted and handled through the
real services with frozen time: a report counts once, in the year it was received in
Europe/Amsterdam; a test or spam closed as "not a report" does not count; an entered total
replaces the year's count and refuses a report registered in that year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.cases.workflow import State
from open_integriteit.figures import registry
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.lists.models import ListEntry
from open_integriteit.reports import services
from open_integriteit.reports.statistics import SPECS
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.retention.runner import run_retention
from open_integriteit.testing.fixtures import REPORT_DATA

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
KEYS = [spec.key for spec in SPECS]


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


def breakdown(figure: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in figure.breakdown}


def year(org: Any, y: int) -> dict[str, registry.Figure]:
    return registry.year_figures(organisation=org, year=y, keys=KEYS)


def submit(make_report: Any, when: dt.datetime, **data: Any) -> Any:
    with time_machine.travel(when, tick=False):
        report, _code = make_report(**data)
    return report


def test_a_report_counts_in_the_year_it_was_received_in_amsterdam(org, make_report):
    submit(make_report, local(2024, 12, 31, 23, 30))  # 22:30 UTC
    submit(make_report, local(2025, 1, 1, 0, 30), ground="misstand")  # still 31 December in UTC
    submit(make_report, local(2025, 6, 1), ground="unwanted_behaviour", anonymity="confidential")

    assert year(org, 2024)["reports.reports"].total == 1
    assert breakdown(year(org, 2024)["reports.reports"]) == {"business_integrity": 1}
    figures = year(org, 2025)
    assert figures["reports.reports"].total == 2
    assert breakdown(figures["reports.reports"]) == {"misstand": 1, "unwanted_behaviour": 1}
    assert breakdown(figures["reports.by_channel"]) == {"web": 2}
    assert breakdown(figures["reports.by_reporter"]) == {"employee": 2}
    assert breakdown(figures["reports.by_anonymity"]) == {"anonymous": 1, "confidential": 1}
    assert figures["reports.wbk"].total == 1


def test_per_category_with_the_unclassified_apart(org, personas, make_report):
    category = ListEntry.objects.filter(organisation=org, kind=CATEGORIES.code, active=True).order_by("position")[0]
    classified = submit(make_report, local(2023, 4, 1))
    services.report_classify(report=classified, by=personas["alice"], ground="business_integrity", category=category)
    submit(make_report, local(2023, 4, 2))
    figure = year(org, 2023)["reports.by_category"]
    assert breakdown(figure) == {category.code: 1, "none": 1}
    assert figure.breakdown[0].label == category.name


def test_a_report_closed_as_not_a_report_is_not_counted(org, personas, make_report):
    spam = submit(make_report, local(2023, 2, 1))
    submit(make_report, local(2023, 2, 2))
    services.report_close(report=spam, by=personas["alice"], reason="not_a_report", explanation="Invented: a test.")
    assert year(org, 2023)["reports.reports"].total == 1


def test_a_report_destroyed_after_retention_still_counts(org, personas, make_report):
    report = submit(make_report, local(2023, 5, 1), ground="misstand")
    with time_machine.travel(local(2023, 5, 2), tick=False):
        services.report_close(report=report, by=personas["alice"], reason="withdrawn", explanation="Invented.")
    before = {key: (f.total, f.breakdown) for key, f in year(org, 2023).items()}
    with time_machine.travel(local(2023, 9, 1), tick=False):  # three months after closure
        assert run_retention() == 1
    report.refresh_from_db()
    assert report.destroyed_at is not None and report.what_happened == ""
    assert {key: (f.total, f.breakdown) for key, f in year(org, 2023).items()} == before
    assert breakdown(year(org, 2023)["reports.wbk"]) == {"withdrawn": 1}


def test_wbk_reports_per_outcome_of_their_case_or_closure(org, personas, team, make_report, make_case, walk):
    in_case = submit(make_report, local(2022, 3, 1), ground="misstand")
    withdrawn = submit(make_report, local(2022, 3, 2), ground="misstand")
    submit(make_report, local(2022, 3, 3), ground="misstand")  # still open
    submit(make_report, local(2022, 3, 4))  # not a misstand
    case = make_case(state=State.FEEDBACK, reports=[in_case], ground="misstand")
    walk(case, "close")
    services.report_close(
        report=withdrawn, by=personas["alice"], reason="withdrawn", explanation="Invented: withdrawn by phone."
    )
    figure = year(org, 2022)["reports.wbk"]
    assert figure.total == 3
    assert breakdown(figure) == {"no_action": 1, "withdrawn": 1, "in_progress": 1}
    assert year(org, 2022)["reports.reports"].total == 4


def test_an_entered_total_replaces_the_count_and_refuses_a_report_registered_in_that_year(org, personas):
    # No service for entered totals exists yet (figures app, issue 9): made through the model.
    EnteredTotal.objects.create(
        organisation=org,
        key="reports.reports",
        year=2019,
        total=Decimal(17),
        breakdown={"misstand": 2, "unwanted_behaviour": 15},
        source="Invented annual report 2019",
        entered_by=personas["alice"],
    )
    figure = year(org, 2019)["reports.reports"]
    assert figure.entered and figure.total == 17
    assert breakdown(figure) == {"misstand": 2, "unwanted_behaviour": 15}
    with pytest.raises(ValidationError) as refused:
        services.report_register(
            organisation=org,
            by=personas["alice"],
            channel="letter",
            data=REPORT_DATA,
            received_at=local(2019, 12, 31, 23, 59),
        )
    assert "received_at" in refused.value.message_dict
    _report, _code = services.report_register(
        organisation=org, by=personas["alice"], channel="letter", data=REPORT_DATA, received_at=local(2020, 1, 1, 0, 1)
    )
    assert year(org, 2020)["reports.reports"].total == 1
    assert not year(org, 2020)["reports.reports"].entered


def test_the_number_of_queries_does_not_grow_with_the_reports(org, make_report):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            year(org, 2024)
        return len(captured)

    for i in range(3):
        submit(make_report, local(2024, 1, 1 + i))
    few = queries()
    for i in range(27):
        submit(make_report, local(2024, 2, 1 + i % 28), ground=("misstand", "other")[i % 2])
    assert year(org, 2024)["reports.reports"].total == 30
    assert queries() == few
