"""The report's outputs: HTML, accessible PDF, Word and XLSX from the same document (issue 10)."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from pdfminer.high_level import extract_text

from open_integriteit.annual_reports import document, render, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(org, personas):
    alice = personas["alice"]
    report = services.report_create(organisation=org, first_year=2025, last_year=2025, by=alice)
    section = report.sections.get(key="introduction")
    services.section_update(
        section=section,
        title=section.title,
        narrative="Dit verslag gaat over **2025**.\n\n- eerste punt\n- tweede punt",
        enabled=True,
        by=alice,
    )
    return services.report_adopt(
        report=report,
        by=alice,
        adopted_on=dt.date(2026, 3, 10),
        adopted_by="Invented executive",
        decision_reference="INV-1",
    )


def test_the_pdf_is_tagged_with_language_title_and_headings(adopted):
    data = render.pdf(adopted, document.current(adopted))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "nl"
        assert str(pdf.open_metadata().get("dc:title")).startswith("Jaarrapportage integriteit 2025")
        roles = {str(element.get("/S")) for element in _structure(root.StructTreeRoot)}
    assert {"/H1", "/H2", "/P", "/L"} <= roles
    text = extract_text(io.BytesIO(data))
    assert "Inleiding en reikwijdte" in text and "Dit verslag gaat over 2025." in text
    assert "Vastgesteld op 10 maart 2026 door Invented executive, besluit INV-1." in text


def _structure(node):
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid)


def test_word_has_real_headings_and_the_text(adopted):
    word = WordDocument(io.BytesIO(render.docx(adopted, document.current(adopted))))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Jaarrapportage integriteit 2025") in headings
    assert ("Heading 1", "Inleiding en reikwijdte") in headings
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["eerste punt", "tweede punt"]
    assert word.core_properties.language == "nl-NL"


def test_the_html_page_is_standalone_and_dutch(adopted):
    page = render.html(adopted, document.current(adopted))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<strong>2025</strong>" in page
    assert "http://" not in page and "https://" not in page  # nothing from third parties


def test_the_workbook_opens_with_a_header_row(adopted):
    book = load_workbook(io.BytesIO(render.xlsx(adopted, document.current(adopted))))
    assert book.sheetnames[:2] == ["Cijfers", "Uitsplitsingen"]
    assert [c.value for c in book["Cijfers"][1]][:4] == ["Hoofdstuk", "Cijfer", "Sleutel", "Jaar"]
