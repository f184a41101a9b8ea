"""Fidelity (issue 10): the product, fed the two Zuid-Holland years through its services, writes
the published 2023 report's figures and its comparisons with 2022, in the HTML, PDF and Word
files the worker makes on adoption — read from those files, not from the document dict.

The figures are those of ``/work/shared/reference/zuid-holland-jaarrapportage-integriteit-2022``
and ``-2023``; the data is entered in ``zuid_holland.py``.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from docx import Document as WordDocument
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTContainer, LTTextLine

from open_integriteit.annual_reports import document, privacy, services, tasks
from open_integriteit.annual_reports.models import AnnualReport

from .zuid_holland import CASES, ZuidHolland

pytestmark = pytest.mark.django_db

# The sentences of the published 2023 report's chapter 4, as the product writes them.
COMPARISONS_2023 = (
    "Het aantal ontvangen meldingen is gestegen van 2 naar 4.",
    "Het aantal contacten met de vertrouwenspersonen is gedaald van 58 naar 39.",
    "Het aantal eden en beloften afgelegd door eigen medewerkers is gestegen van 196 naar 256.",
    "Het aantal Bibob-onderzoeken is gestegen van 20 naar 49.",
    "Bibob-quickscans (risicoanalyses): over 2023 is niets vastgelegd (2022: 150).",
)
# Table 2 of both reports, and the oaths and the dilemma game of § 3.1 and § 3.2, as rows of
# the breakdown tables with 2022 beside 2023.
TOPICS = (
    ("Ongewenste omgangsvormen", "28", "27"),
    ("Zakelijke integriteit", "3", "1"),
    ("(Dreigend) arbeidsconflict", "12", "2"),
    ("Onveiligheid", "7", "0"),
    ("Advies algemeen", "8", "9"),
    ("Totaal", "58", "39"),
)
OATHS = (("Medewerkers", "182", "236"), ("Trainees", "10", "20"), ("Griffiemedewerkers", "4", "0"))
DILEMMA_GAME = ("Dilemmaspel", "398", "281")


def flat(text: str) -> str:
    """Whitespace (line breaks of the PDF, indentation of the HTML) as single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def html_text(content: bytes) -> str:
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())))


def pdf_text(content: bytes) -> tuple[str, str]:
    """The PDF read twice: by text block (a paragraph, a table cell: sentences and the cells of
    the cases table) and line by line across the page (a row of a number table: "Totaal 58 39")."""
    # A line may break after a slash ("discriminatie/" | "slecht"): no space was written there;
    # and inside a long word the PDF hyphenates ("grens-" | "overschrijdend"): the reader reads one word.
    text = extract_text(io.BytesIO(content))
    text = re.sub(r"(?<=[a-zà-ÿ])[-\u2010]\n+(?=[a-zà-ÿ])", "", text)
    blocks = flat(re.sub(r"/\n", "/", text))
    lines: list[str] = []
    for page in extract_pages(io.BytesIO(content)):
        by_height: dict[int, list[LTTextLine]] = defaultdict(list)
        for line in _text_lines(page):
            by_height[round(line.y0)].append(line)
        for height in sorted(by_height, reverse=True):
            lines.extend(flat(line.get_text()) for line in sorted(by_height[height], key=lambda line: line.x0))
    return blocks, " ".join(lines)


def _text_lines(item: Any) -> Iterator[LTTextLine]:
    if isinstance(item, LTTextLine):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from _text_lines(child)


def word_text(content: bytes) -> tuple[str, list[list[list[str]]]]:
    """The Word file's paragraphs and table rows as one text, and its tables as rows of cells."""
    word = WordDocument(io.BytesIO(content))
    tables = [[[flat(cell.text) for cell in row.cells] for row in table.rows] for table in word.tables]
    rows = [" ".join(row) for table in tables for row in table]
    return flat(" ".join(p.text for p in word.paragraphs) + " " + " ".join(rows)), tables


def adopt(report: AnnualReport, zh: ZuidHolland, capture) -> AnnualReport:
    """Adopt as the coordinator does: each flag of the privacy check accepted with a reason (the
    small counts of the published report were published before), then the worker's files."""
    for flag in privacy.open_flags(report, privacy.flags(report, document.build(report))):
        services.flag_accept(
            report=report, code=flag.code, reason="Gepubliceerd in de jaarrapportage.", by=zh.coordinator
        )
    with capture(execute=True):
        services.report_adopt(
            report=report,
            adopted_on=dt.date(2024, 5, 14),
            adopted_by="Gedeputeerde Staten",
            decision_reference="PZH-2024-0001",
            by=zh.coordinator,
        )
    return AnnualReport.objects.get(pk=report.pk)


def files(report: AnnualReport) -> dict[str, bytes]:
    made = {f.format: tasks.file_content(f) for f in report.files.all()}
    assert {"html", "pdf", "docx"} <= set(made), made.keys()
    return made


def outputs(report: AnnualReport) -> dict[str, tuple[str, str]]:
    """Per format: the text to find sentences and cells in, and the text to find table rows in."""
    made = files(report)
    page = html_text(made["html"])
    word = word_text(made["docx"])[0]
    return {"html": (page, page), "pdf": pdf_text(made["pdf"]), "docx": (word, word)}


def row_text(row: tuple[str, ...]) -> str:
    return " ".join(row)


def test_the_2023_report_states_every_published_figure_and_comparison_in_html_pdf_and_word(
    zuid_holland, django_capture_on_commit_callbacks
):
    zh = zuid_holland
    draft = services.report_create(organisation=zh.organisation, first_year=2023, last_year=2023, by=zh.coordinator)
    report = adopt(draft, zh, django_capture_on_commit_callbacks)
    texts = outputs(report)

    for name, (text, table_rows) in texts.items():
        assert "Jaarrapportage integriteit 2023" in text, name
        for sentence in COMPARISONS_2023:
            assert sentence in text, (name, sentence)
        # The breakdown tables put 2022 beside 2023, row by row.
        for row in (*TOPICS, *OATHS, DILEMMA_GAME):
            assert row_text(row) in table_rows, (name, row)
        # Table 1: the four cases of 2023 with every cell, in the published order.
        positions = []
        for case in CASES[2023]:
            cells = ("2023", case.principal, case.description, case.object, case.findings, case.consequence)
            for cell in (*cells, case.bureau or "n.v.t."):
                assert cell in text, (name, cell)
            positions.append(text.index(case.findings))
        assert positions == sorted(positions), name
        # Nothing of the 2022 cases in the 2023 table.
        assert CASES[2022][0].findings not in text, name

    # In Word, table 2 and table 1 are real tables with exactly these rows.
    tables = word_text(files(report)["docx"])[1]
    assert [["Contacten met de vertrouwenspersonen", "2022", "2023"], *map(list, TOPICS)] in tables
    header = ["Jaar", "Opdrachtgever", "Omschrijving", "Onderwerp van onderzoek", "Bevindingen", "Gevolg"]
    cases_table = [
        [*header, "Extern bureau"],
        *(
            ["2023", c.principal, c.description, c.object, c.findings, c.consequence, c.bureau or "n.v.t."]
            for c in CASES[2023]
        ),
    ]
    assert cases_table in tables


def test_a_combined_report_2022_2023_states_both_years(zuid_holland, django_capture_on_commit_callbacks):
    zh = zuid_holland
    draft = services.report_create(organisation=zh.organisation, first_year=2022, last_year=2023, by=zh.coordinator)
    report = adopt(draft, zh, django_capture_on_commit_callbacks)
    texts = outputs(report)

    for name, (text, table_rows) in texts.items():
        assert "Integriteitsrapportage 2022–2023" in text, name
        # 2022 against the totals of 2021 its own report compared with (entered: before the system).
        assert "2022: Het aantal ontvangen meldingen is gedaald van 4 (ingevoerd totaal) naar 2." in text, name
        contacts = "Het aantal contacten met de vertrouwenspersonen is gestegen van 17 (ingevoerd totaal) naar 58."
        assert f"2022: {contacts}" in text, name
        assert "2022: In 2022 was het aantal Bibob-quickscans (risicoanalyses) 150." in text, name
        # 2021 was before the system: no "rose from 0" for what only the records count.
        assert "2022: In 2022 was het aantal eden en beloften afgelegd door eigen medewerkers 196." in text, name
        for sentence in COMPARISONS_2023:
            assert f"2023: {sentence}" in text, (name, sentence)
        for row in (*TOPICS, *OATHS, DILEMMA_GAME):
            assert row_text(row) in table_rows, (name, row)
        for year in (2022, 2023):
            for case in CASES[year]:
                for cell in (str(year), case.principal, case.description, case.findings, case.consequence):
                    assert cell in text, (name, cell)


def test_a_one_year_report_puts_the_year_before_beside_it_and_an_entered_year_leaves_unknown_rows_open(
    zuid_holland,
):
    """2022 against 2021, known only from the totals in the 2022 report (17 contacts, of which
    7, 2 and 4 for three topics): the other topics of 2021 are unknown, not zero; the rows keep
    the order of the organisation's topics."""
    zh = zuid_holland
    report = services.report_create(organisation=zh.organisation, first_year=2022, last_year=2022, by=zh.coordinator)
    (section,) = [s for s in document.build(report).sections if s.key == "adviser_topics"]
    (table,) = section.tables
    assert table.header == ("Contacten met de vertrouwenspersonen", "2021", "2022")
    assert table.rows == (
        ("Ongewenste omgangsvormen", "7", "28"),
        ("Zakelijke integriteit", "–", "3"),
        ("(Dreigend) arbeidsconflict", "2", "12"),
        ("Onveiligheid", "4", "7"),
        ("Advies algemeen", "–", "8"),
        ("Totaal", "17", "58"),
    )
    (activities,) = [s for s in document.build(report).sections if s.key == "activities"]
    oaths, participants = activities.tables
    assert oaths.header == ("Eden en beloften afgelegd door eigen medewerkers", "2022")  # none counted in 2021
    assert participants.rows == (("Dilemmaspel", "398"), ("Webinar", "120"), ("Totaal", "518"))
