"""What must be shown (ADR 0008): with frozen time, a report outside a case, a closed case
with informal handling and a written reprimand, and a case with a draft summary are each
destroyed at the right moment, with nothing of their content left in the raw SQLite file
and its write-ahead log as the product's own checkpoint left them (or in a pg_dump)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import pytest
import time_machine
from django.db.models import Model
from django.utils import timezone

from open_integriteit.cases import services
from open_integriteit.cases.models import Case, CaseReport
from open_integriteit.cases.workflow import State
from open_integriteit.reports import services as report_services
from open_integriteit.reports.deadlines import add_months
from open_integriteit.reports.models import Report
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.retention.runner import run_retention
from open_integriteit.testing.fixtures import REPORT_DATA
from open_integriteit.testing.raw_storage import raw_ciphertexts, raw_database_bytes, stored_files

START = dt.datetime(2024, 8, 30, 9, 0, tzinfo=dt.UTC)


def _rows_of(model: type[Model], pk: Any) -> list[tuple[type[Model], list[Any]]]:
    """The row itself and every row pointing at it (one level), as (model, ids)."""
    found = [(model, [pk])]
    for relation in model._meta.related_objects:
        if relation.many_to_many or relation.related_model is model:
            continue
        related = relation.related_model
        ids = list(related._base_manager.filter(**{relation.field.name: pk}).values_list("pk", flat=True))
        found.append((related, ids))
    return found


def _stored(case: Case | None, report: Report | None) -> list[str]:
    rows = (_rows_of(Case, case.pk) if case else []) + (_rows_of(Report, report.pk) if report else [])
    return [value for model, ids in rows for value in raw_ciphertexts(model, ids)]


def _report(org, marker: str) -> Report:
    report, _code = report_services.report_submit(
        organisation=org,
        data={**REPORT_DATA, "anonymity": "confidential", "what_happened": f"Invented {marker}"},
        identity={"name": f"Name {marker}", "email": f"{marker.lower()}@example.invalid"},
        files=[CheckedFile("note.txt", "text/plain", f"File {marker}".encode())],
    )
    return report


def _report_outside_a_case(org, team, make_case, walk, marker):
    report = _report(org, marker)
    report_services.report_send_message(report=report, by=team["alice"], kind="feedback", body=f"Feedback {marker}")
    report_services.report_close(report=report, by=team["alice"], explanation=f"Closed {marker}")
    return None, report, 3


def _informal_with_a_reprimand(org, team, make_case, walk, marker):
    report = _report(org, marker)
    case = make_case(state=State.INFORMAL, reports=[report], title=f"Case {marker}")
    services.note_add(case=case, by=team["alice"], text=f"Note {marker}")
    services.measure_add(
        case=case, by=team["pat"], kind="written_reprimand", decided_on=START.date(), description=f"Measure {marker}"
    )
    services.document_add(
        case=case, by=team["bob"], title=f"Doc {marker}", file=CheckedFile("d.txt", "text/plain", marker.encode())
    )
    walk(case, "informal_done", "close")
    return case, report, 60


def _draft_summary(org, team, make_case, walk, marker):
    case = make_case(state=State.FEEDBACK, signal=f"Signal {marker}")
    services.summary_update(
        case=case, by=team["pat"], summary_year=2024, summary_description=f"Draft {marker}", summary_findings=marker
    )
    walk(case, "close")
    return case, None, 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scenario", [_report_outside_a_case, _informal_with_a_reprimand, _draft_summary])
def test_destroyed_at_the_right_moment_with_nothing_left_in_raw_storage(scenario, org, team, make_case, walk):
    marker = f"RAWMARKER{secrets.token_hex(6).upper()}"
    with time_machine.travel(START, tick=True):
        case, report, months = scenario(org, team, make_case, walk, marker)
    if case is not None:
        case = Case.objects.get(pk=case.pk)
        report = report or None
        closed_at = case.closed_at
    else:
        report = Report.objects.get(pk=report.pk)
        closed_at = report.closed_at
    stored = _stored(case, report)
    assert len(stored) >= 5
    assert all(value.encode() in raw_database_bytes() for value in stored)
    files_before = stored_files()
    assert files_before or report is None

    end = add_months(timezone.localtime(closed_at), months)
    with time_machine.travel(end - dt.timedelta(days=1), tick=False):
        assert run_retention() == 0
    with time_machine.travel(end, tick=False):
        assert run_retention() == 1

    raw = raw_database_bytes(checkpoint=False)
    assert [value[:40] for value in stored if value.encode() in raw] == []
    assert marker.encode() not in raw and marker.lower().encode() not in raw
    assert stored_files() == []
    if case is not None:
        case = Case.objects.get(pk=case.pk)
        assert case.state == State.DESTROYED and case.reference.encode() in raw
        assert case.summary_description == "" and case.summary_final_at is None
        for link in CaseReport.objects.filter(case=case):
            assert Report.objects.get(pk=link.report_id).destroyed_at == case.destroyed_at
    if report is not None:
        report = Report.objects.get(pk=report.pk)
        assert report.destroyed_at is not None and report.what_happened == "" and report.receipt_hash is None
