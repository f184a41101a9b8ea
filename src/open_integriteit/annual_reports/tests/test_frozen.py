"""An adopted report is frozen: its files are made once and never change (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from open_integriteit.annual_reports import services, tasks
from open_integriteit.annual_reports.models import AnnualReport, TemplateChapter

pytestmark = pytest.mark.django_db


def test_the_files_are_made_once_by_the_worker_and_stay_byte_for_byte(
    org, personas, make_report, django_capture_on_commit_callbacks
):
    alice = personas["alice"]
    report = services.report_create(organisation=org, first_year=2025, last_year=2025, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_adopt(
            report=report, by=alice, adopted_on=dt.date(2026, 3, 10), adopted_by="Invented", decision_reference="INV-2"
        )
    report = AnnualReport.objects.get(pk=report.pk)
    before = {f.format: tasks.file_content(f) for f in report.files.all()}
    assert sorted(before) == ["docx", "html", "pdf", "xlsx"]
    assert before["pdf"].startswith(b"%PDF-")

    # Later: a new report comes in, the template changes, the worker runs again.
    make_report()
    TemplateChapter.objects.filter(organisation=org).update(title="Changed later")
    assert tasks.render_files(report.pk) == 0

    after = {f.format: tasks.file_content(f) for f in AnnualReport.objects.get(pk=report.pk).files.all()}
    assert after == before
