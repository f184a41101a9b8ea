"""The outputs of a report, all made from its document (``document.current``): a standalone
HTML page, an accessible PDF (tagged PDF/UA-1, language and title set, headings and table
headers as structure, every chart an image with its text alternative), Word (.docx) with
real headings and tables, and every figure in XLSX.

Rendered in the report's language (Dutch unless asked otherwise). An adopted report's files
are made once, from its frozen document, by the background worker (``tasks``) and kept.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from open_integriteit.core.formatting import long_date
from open_integriteit.core.pdf import html_to_pdf as _html_to_pdf
from open_integriteit.core.pdf import organisation_logo

from . import charts
from .models import AnnualReport

FORMATS = ("html", "pdf", "docx", "xlsx")
# What a reader of the public page is offered, per format (link texts).
FORMAT_LABELS = {
    "html": gettext_lazy("Read online"),
    "pdf": gettext_lazy("PDF, to print or save"),
    "docx": gettext_lazy("Word document"),
    "xlsx": gettext_lazy("All figures in a spreadsheet (Excel)"),
}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _adoption(report: AnnualReport) -> str:
    if report.adopted_on is None:
        return _("Draft: the figures and text may still change.")
    return _("Adopted on %(date)s by %(by)s, decision %(reference)s.") % {
        "date": long_date(report.adopted_on),
        "by": report.adopted_by,
        "reference": report.decision_reference,
    }


def html(report: AnnualReport, data: dict[str, Any], *, for_pdf: bool = False, language: str = "nl") -> str:
    with translation.override(language):
        colour = data.get("colour") or "#154273"
        return render_to_string(
            "annual_reports/report_document.html",
            {
                "document": data,
                "language": language,
                "colour": colour,
                "logo": organisation_logo(report.organisation),
                "adoption": _adoption(report),
                "charts": [(chart, charts.svg_data_url(chart, colour)) for chart in data.get("charts", [])],
                "font_base": "" if for_pdf else "/static/",
            },
        )


def pdf(report: AnnualReport, data: dict[str, Any], *, language: str = "nl") -> bytes:
    return _html_to_pdf(html(report, data, for_pdf=True, language=language))


def _runs(paragraph: Any, runs: list[dict[str, Any]]) -> None:
    for run in runs:
        paragraph.add_run(run["text"]).bold = bool(run["bold"])


def _table(document: Any, caption: str, header: list[str], rows: list[list[str]]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    head = table.rows[0]
    # The first row is a header row, repeated on every page (w:tblHeader).
    properties = head._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
    for cell, text in zip(head.cells, header, strict=True):
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)


def docx(report: AnnualReport, data: dict[str, Any], *, language: str = "nl") -> bytes:
    from docx import Document as WordDocument
    from docx.shared import Cm

    with translation.override(language):
        word = WordDocument()
        properties = word.core_properties
        properties.title = data["title"]
        properties.author = data["organisation"]
        properties.language = "nl-NL" if language == "nl" else "en-GB"
        when = report.adopted_on or dt.date(data["last_year"], 12, 31)
        properties.created = properties.modified = dt.datetime(when.year, when.month, when.day)
        word.add_heading(data["title"], level=0)
        word.add_paragraph(data["organisation"])
        word.add_paragraph(_adoption(report))
        colour = data.get("colour") or "#154273"
        for section in data["sections"]:
            word.add_heading(section["title"], level=1)
            for block in section["blocks"]:
                if block["kind"] == "list":
                    for item in block["items"]:
                        _runs(word.add_paragraph(style="List Bullet"), item)
                else:
                    _runs(word.add_paragraph(), block["runs"])
            if section["figures"]:
                header = [_("Figure"), *[str(year) for year in data["years"]]]
                rows = [
                    [
                        f["label"],
                        *[v["total"] + (f" ({_('entered total')})" if v["entered"] else "") for v in f["years"]],
                    ]
                    for f in section["figures"]
                ]
                _table(word, _("Figures: %(title)s") % {"title": section["title"]}, header, rows)
                for figure in section["figures"]:
                    for value in figure["years"]:
                        prefix = f"{value['year']}: " if len(data["years"]) > 1 else ""
                        word.add_paragraph(prefix + value["comparison"], style="List Bullet")
            for table in section["tables"]:
                _table(word, table["caption"], table["header"], table["rows"])
            if section["key"] == "figures":
                for chart in data.get("charts", []):
                    word.add_picture(io.BytesIO(charts.png(chart, colour)), width=Cm(15))
                    inline = word.inline_shapes[-1]._inline
                    inline.docPr.set("descr", chart["alt"])
                    inline.docPr.set("title", chart["title"])
                    word.add_paragraph(chart["title"], style="Caption")
        buffer = io.BytesIO()
        word.save(buffer)
        return buffer.getvalue()


def xlsx(report: AnnualReport, data: dict[str, Any], *, language: str = "nl") -> bytes:
    """Every figure of the report: one row per figure and year, one per breakdown cell, and
    every table on a sheet of its own."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(language):
        book = Workbook()
        figures = book.active
        figures.title = _("Figures")[:31]
        figures.append([_("Chapter"), _("Figure"), _("Key"), _("Year"), _("Value"), _("Number"), _("Entered total")])
        breakdowns = book.create_sheet(_("Breakdowns")[:31])
        breakdowns.append([_("Figure"), _("Key"), _("Year"), _("Breakdown"), _("Number")])
        seen: set[tuple[str, int]] = set()
        for section in data["sections"]:
            for figure in section["figures"]:
                for value in figure["years"]:
                    if (figure["key"], value["year"]) in seen:
                        continue
                    seen.add((figure["key"], value["year"]))
                    figures.append(
                        [
                            section["title"],
                            figure["label"],
                            figure["key"],
                            value["year"],
                            value["total"],
                            value["number"],
                            _("yes") if value["entered"] else _("no"),
                        ]
                    )
                    # A report frozen before the raw values were kept shows the formatted ones.
                    numbers = value.get("breakdown_numbers") or [shown for _label, shown in value["breakdown"]]
                    for (label, _shown), number in zip(value["breakdown"], numbers, strict=True):
                        breakdowns.append([figure["label"], figure["key"], value["year"], label, number])
            for index, table in enumerate(section["tables"], start=1):
                sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", "-", f"{index} {table['caption']}")[:31])
                sheet.append(table["header"])
                for row in table["rows"]:
                    sheet.append(row)
        for sheet in book.worksheets:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        when = report.adopted_on or dt.date(data["last_year"], 12, 31)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    # A text typed as "=HYPERLINK(…)" stays text: a published workbook runs no formula.
                    if cell.data_type == "f":
                        cell.data_type = "s"
        book.properties.title = data["title"]
        book.properties.creator = data["organisation"]
        book.properties.created = book.properties.modified = dt.datetime(when.year, when.month, when.day)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def render(report: AnnualReport, data: dict[str, Any], fmt: str, *, language: str = "nl") -> bytes:
    if fmt == "html":
        return html(report, data, language=language).encode()
    if fmt == "pdf":
        return pdf(report, data, language=language)
    if fmt == "docx":
        return docx(report, data, language=language)
    if fmt == "xlsx":
        return xlsx(report, data, language=language)
    raise ValueError(f"unknown format {fmt!r}")
