"""The report's outputs: HTML, accessible PDF, Word and XLSX from the same document (issue 10).

The PDF is checked the way an accessibility checker reads it (the structure tree: tagged,
language, title, headings in order, figures with a text alternative that states their
figures, tables whose data cells point at their header cells) and the way a reader sees it
(every page rendered to an image by poppler: ink on every page, none in the margins). The
report under test is a long one on purpose: five years, many cases with long texts and
long Dutch compounds, long action points, a logo, so that a table running off the page
would show.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pikepdf
import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pdfminer.high_level import extract_text
from PIL import Image

from open_integriteit.annual_reports import document, privacy, render, services
from open_integriteit.cases.tests.test_statistics import investigated_case
from open_integriteit.organisations.services import organisation_update_branding
from open_integriteit.programme import services as programme_services
from open_integriteit.reports import services as report_services
from open_integriteit.testing.fixtures import REPORT_DATA

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
ADOPTION = {"adopted_on": dt.date(2026, 3, 10), "adopted_by": "Invented executive", "decision_reference": "INV-1"}
COMPOUND = "ingenieursadviesdienstverleningsovereenkomsten"
LONG = (
    f"Invented: an official combined several consecutive orders for {COMPOUND} below the European "
    "threshold, so that no public tender was held; the invoices were approved by a colleague of the same team. "
)
URL = "https://intranet.example.invalid/integriteit/actiepunten/verslaglegging/2025"
BUREAU = "Invented Onderzoeks- en Adviesbureau voor Integriteitsvraagstukken Nederland B.V."


def adopt(report, by, **adoption):
    """Adopt the draft after accepting every flag the privacy check raises."""
    for flag in privacy.open_flags(report, privacy.flags(report, document.build(report))):
        services.flag_accept(report=report, code=flag.code, reason="Invented: checked.", by=by)
    return services.report_adopt(report=report, by=by, **(adoption or ADOPTION))


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), "#154273").save(buffer, format="PNG")
    return buffer.getvalue()


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
    return adopt(report, alice)


@pytest.fixture
def long_report(org, team, personas, make_case, walk):
    """An adopted report over five years with everything that makes a table wide or long."""
    alice = personas["alice"]
    organisation_update_branding(
        organisation=org,
        by=personas["erin"],
        name=org.name,
        kind=org.kind,
        primary_colour="#154273",
        confidential_adviser_contact="",
        logo=_logo(),
    )
    for index, year in enumerate([2021, 2022, 2023, 2024, 2025, 2025]):
        investigated_case(
            team,
            make_case,
            walk,
            opened=dt.datetime(year, 2, 3, 10, tzinfo=AMS),
            closed=dt.datetime(year, 9, 1 + index, 10, tzinfo=AMS),
            bureau=BUREAU,
            summary={
                "summary_principal": "Gemeentesecretaris-algemeen-directeur",
                "summary_description": LONG * 2,
                "summary_object": f"Aanbestedingsregelsoverschrijdingsonderzoek. {LONG}",
                "summary_findings": LONG,
                "summary_consequence": LONG,
            },
        )
    for year in range(2021, 2026):
        for day in range(1, year - 2019):  # 1 report in 2021 … 5 in 2025
            report_services.report_register(
                organisation=org,
                by=alice,
                channel="letter",
                data=REPORT_DATA,
                received_at=dt.datetime(year, 4, day, 10, tzinfo=AMS),
            )
    for year in range(2021, 2027):
        programme_services.action_add(
            organisation=org, by=alice, year=year, title=LONG, owner_text="Invented team", outcome=f"{LONG} {URL}"
        )
    report = services.report_create(organisation=org, first_year=2021, last_year=2025, by=alice)
    for section in report.sections.all():
        narrative = f"{LONG * 3}\n\n- {LONG}\n- {COMPOUND}"
        services.section_update(section=section, title=section.title, narrative=narrative, enabled=True, by=alice)
    return adopt(report, alice)


def _structure(node):
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid)


def _outline_titles(pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles = []
        items = list(outline.root)
        while items:
            item = items.pop(0)
            titles.append(item.title)
            items[:0] = list(item.children)
    return titles


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


def test_a_long_report_pdf_passes_the_structural_accessibility_check(long_report):
    data = document.current(long_report)
    title = f"{data['title']} – {data['organisation']}"
    with pikepdf.open(io.BytesIO(render.pdf(long_report, data))) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "nl"
        assert str(pdf.open_metadata().get("dc:title")) == title == str(pdf.docinfo.Title)
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        elements = list(_structure(root.StructTreeRoot))
        # One H1, then an H2 per chapter, in the order of the chapters (the bookmarks
        # follow the headings).
        headings = [str(e.S) for e in elements if re.fullmatch(r"/H\d", str(e.S))]
        assert headings == ["/H1"] + ["/H2"] * len(data["sections"])
        assert _outline_titles(pdf) == [data["title"], *(s["title"] for s in data["sections"])]
        # Every image is a figure with its text alternative: the logo, then each chart,
        # whose alternative states every year's figure.
        alternatives = [str(e.Alt) for e in elements if e.S == "/Figure"]
        assert alternatives == ["Logo van Provincie Testland", *(chart["alt"] for chart in data["charts"])]
        reports = next(chart for chart in data["charts"] if chart["key"] == "reports.reports")
        assert reports["alt"] == (
            "Ontvangen meldingen per jaar, 2021 tot en met 2025: 2021: 1; 2022: 2; 2023: 3; 2024: 4; 2025: 5."
        )
        # Every table has its caption; every part of it (a table that runs onto the next page
        # is tagged once per page) has header cells, and every data cell names its headers.
        tables = [e for e in elements if e.S == "/Table"]
        captioned = [t for t in tables if any(k.S == "/Caption" for k in _structure(t))]
        expected = sum(bool(s["figures"]) + len(s["tables"]) for s in data["sections"])
        breakdowns = sum(bool(v["breakdown"]) for s in data["sections"] for f in s["figures"] for v in f["years"])
        assert len(captioned) == expected + breakdowns
        for table in tables:
            cells = list(_structure(table))
            header_ids = {str(c.ID) for c in cells if c.S == "/TH"}
            assert header_ids, "a table without header cells"
            for cell in (c for c in cells if c.S == "/TD"):
                assert cell.A.Headers and {str(h) for h in cell.A.Headers} <= header_ids


def _pages(pdf: bytes, tmp_path: Path, dpi: int = 50) -> list[Image.Image]:
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "report.pdf", "page"], cwd=tmp_path, check=True)
    return [Image.open(path) for path in sorted(tmp_path.glob("page-*.png"))]


def _ink(page: Image.Image, box: tuple[int, int, int, int], threshold: int = 230) -> int:
    """The number of pixels in ``box`` darker than white paper."""
    histogram = page.crop(box).histogram()
    return sum(histogram[:threshold])


def test_every_page_of_a_long_report_has_content_and_nothing_runs_into_the_margins(long_report, tmp_path):
    dpi = 50
    mm = dpi / 25.4
    pages = _pages(render.pdf(long_report, document.current(long_report)), tmp_path, dpi)
    assert len(pages) > 5
    # The page margins of report_document.html (22 mm, 18 mm, 20 mm, 18 mm), less 1.5 mm for
    # anti-aliasing; the running header and page number sit in the top and bottom margins.
    for number, page in enumerate(pages, start=1):
        width, height = page.size
        left, right = round(16.5 * mm), width - round(16.5 * mm)
        content = (round(18 * mm), round(22 * mm), width - round(18 * mm), height - round(20 * mm))
        assert _ink(page, content, threshold=128) > 200, f"page {number} is empty"
        assert _ink(page, (0, 0, left, height)) == 0, f"page {number}: ink in the left margin"
        assert _ink(page, (right, 0, width, height)) == 0, f"page {number}: content runs off the right side"
        assert _ink(page, (0, 0, width, round(4 * mm))) == 0, f"page {number}: ink at the top edge"
        assert _ink(page, (0, height - round(4 * mm), width, height)) == 0, f"page {number}: ink at the bottom edge"


def test_word_has_real_headings_and_the_text(adopted):
    word = WordDocument(io.BytesIO(render.docx(adopted, document.current(adopted))))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Jaarrapportage integriteit 2025") in headings
    assert ("Heading 1", "Inleiding en reikwijdte") in headings
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["eerste punt", "tweede punt"]
    assert word.core_properties.language == "nl-NL"


def _word_tables(data: dict[str, Any]) -> list[tuple[list[str], int]]:
    """(header, number of rows) of every table the document shows, in order."""
    tables = []
    for section in data["sections"]:
        if section["figures"]:
            tables.append((["Cijfer", *map(str, data["years"])], len(section["figures"])))
        tables.extend((table["header"], len(table["rows"])) for table in section["tables"])
    return tables


def test_word_of_a_long_report_has_the_chapters_tables_with_header_rows_and_charts_with_alt(long_report):
    data = document.current(long_report)
    word = WordDocument(io.BytesIO(render.docx(long_report, data)))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [section["title"] for section in data["sections"]]
    assert [([c.text for c in t.rows[0].cells], len(t.rows) - 1) for t in word.tables] == _word_tables(data)
    for table in word.tables:
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None, "the header row repeats on every page"
        assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    cases = next(t for t in word.tables if t.rows[0].cells[0].text == "Jaar")
    assert [row.cells[2].text for row in cases.rows[1:]] == [LONG * 2] * 6
    pictures = word.inline_shapes
    assert [shape._inline.docPr.get("descr") for shape in pictures] == [chart["alt"] for chart in data["charts"]]
    for shape in pictures:
        blob = word.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        assert blob.startswith(b"\x89PNG\r\n\x1a\n")


def test_the_html_page_is_standalone_and_dutch(adopted):
    page = render.html(adopted, document.current(adopted))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<strong>2025</strong>" in page
    assert "http://" not in page and "https://" not in page  # nothing from third parties
    # A table that scrolls on a narrow screen is a region a keyboard reaches, named by its caption.
    ids = re.findall(r' id="([^"]+)"', page)
    regions = re.findall(r'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="([^"]+)">', page)
    assert len(ids) == len(set(ids)) and regions and set(regions) <= set(ids)
    assert page.count('class="table-wrap"') == len(regions)


def test_the_workbook_opens_with_a_header_row(adopted):
    book = load_workbook(io.BytesIO(render.xlsx(adopted, document.current(adopted))))
    assert book.sheetnames[:2] == ["Cijfers", "Uitsplitsingen"]
    assert [c.value for c in book["Cijfers"][1]][:4] == ["Hoofdstuk", "Cijfer", "Sleutel", "Jaar"]


def test_the_workbook_of_a_long_report_holds_every_figure_of_every_year_as_numbers(long_report):
    data = document.current(long_report)
    book = load_workbook(io.BytesIO(render.xlsx(long_report, data)))
    rows = {(row[2], row[3]): row for row in book["Cijfers"].iter_rows(min_row=2, values_only=True)}
    expected = {(f["key"], v["year"]): v for s in data["sections"] for f in s["figures"] for v in f["years"]}
    assert set(rows) == set(expected)
    assert {year for _key, year in rows} == set(range(2021, 2026))
    for key, value in expected.items():
        _chapter, _label, _key, year, shown, number, _entered = rows[key]
        assert isinstance(year, int) and shown == value["total"]
        assert number == value["number"] and (number is None or isinstance(number, int | float))
    assert rows[("reports.reports", 2023)][5] == 3
    breakdowns = list(book["Uitsplitsingen"].iter_rows(min_row=2, values_only=True))
    expected_cells = sum(len(v["breakdown"]) for v in expected.values())
    assert len(breakdowns) == expected_cells > 0
    assert all(isinstance(row[4], int | float) for row in breakdowns), "a breakdown number is text"
    cases = next(sheet for sheet in book.worksheets if sheet.cell(1, 1).value == "Jaar")
    assert cases.max_row == 1 + 6


def test_a_table_of_cases_of_hundreds_of_rows_stays_inside_the_pages(long_report, tmp_path):
    """A large organisation's table of cases is printed with fixed column widths (``long``):
    its long words still wrap inside their cells and every row is there."""
    data = document.current(long_report)
    (table,) = [t for s in data["sections"] for t in s["tables"] if t["key"] == "cases"]
    table["rows"] = [[*row[:2], f"{row[2]} ({n})", *row[3:]] for n in range(20) for row in table["rows"]]
    assert len(table["rows"]) == 120
    pdf = render.pdf(long_report, data)
    assert 'class="table-cases wide long"' in render.html(long_report, data, for_pdf=True)
    dpi = 50
    mm = dpi / 25.4
    for number, page in enumerate(_pages(pdf, tmp_path, dpi), start=1):
        width, height = page.size
        assert _ink(page, (width - round(16.5 * mm), 0, width, height)) == 0, f"page {number} runs off the right"
        assert _ink(page, (0, 0, round(16.5 * mm), height)) == 0, f"page {number}: ink in the left margin"
    text = " ".join(extract_text(io.BytesIO(pdf)).split())
    assert all(f"({n})" in text for n in range(20))
