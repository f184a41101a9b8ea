"""The council's table of cases, built only from final council summaries (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from open_integriteit.annual_reports import document, privacy, services
from open_integriteit.annual_reports.models import ReportState
from open_integriteit.cases import services as case_services
from open_integriteit.cases.tests.test_statistics import investigated_case
from open_integriteit.cases.workflow import State

pytestmark = pytest.mark.django_db
AMSTERDAM = timezone.get_fixed_timezone(60)
ADOPTION = {"adopted_on": dt.date(2026, 3, 10), "adopted_by": "Invented", "decision_reference": "INV-3"}


def _table(report):
    (section,) = [s for s in document.build(report).sections if s.key == "cases_table"]
    (table,) = section.tables
    return table


def _accept_all(report, by):
    for flag in privacy.open_flags(report, privacy.flags(report, document.build(report))):
        services.flag_accept(report=report, code=flag.code, reason="Invented.", by=by)


def test_a_final_summary_is_a_row_and_a_draft_summary_blocks_adoption(org, team, personas, make_case, walk):
    investigated_case(
        team,
        make_case,
        walk,
        opened=dt.datetime(2025, 2, 3, 10, tzinfo=AMSTERDAM),
        closed=dt.datetime(2025, 9, 1, 10, tzinfo=AMSTERDAM),
        bureau="Invented Bureau",
    )
    unfinished = make_case(state=State.PRELIMINARY_INVESTIGATION)
    case_services.summary_update(
        case=unfinished,
        by=team["pat"],
        summary_year=2025,
        summary_description="Invented draft.",
        summary_findings="Invented.",
        summary_consequence="Invented.",
    )
    report = services.report_create(organisation=org, first_year=2025, last_year=2025, by=personas["alice"])
    table = _table(report)
    assert table.rows == (
        (
            "2025",
            "",
            "Invented: a tender was split into smaller orders.",
            "",
            "Invented: the split was deliberate.",
            "Invented: the procedure was changed.",
            "n.v.t.",
        ),
    )
    assert unfinished.reference in table.note

    _accept_all(report, personas["alice"])
    with pytest.raises(ValidationError, match=unfinished.reference):
        services.report_adopt(report=report, by=personas["alice"], **ADOPTION)

    case_services.summary_finalise(case=unfinished, by=team["pat"])
    _accept_all(report, personas["alice"])
    adopted = services.report_adopt(report=report, by=personas["alice"], **ADOPTION)
    assert adopted.state == ReportState.ADOPTED
    (section,) = [s for s in adopted.frozen["sections"] if s["key"] == "cases_table"]
    assert [row[2] for row in section["tables"][0]["rows"]] == [
        "Invented: a tender was split into smaller orders.",
        "Invented draft.",
    ]
