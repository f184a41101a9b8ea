"""Charts of multi-year trends (issue 10) with matplotlib, each with a text alternative that
states every figure it shows. SVG for the HTML page and the PDF (as ``<img alt>``: inline SVG
would become a figure without alternative text in the tagged PDF), PNG for Word (python-docx
cannot embed SVG). Made from the document's chart data, so an adopted report's charts come
from its frozen figures."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from open_integriteit.figures.formatting import plain_number

# The trends the report charts, in this order (keys of the statistics surface).
TRENDS = ("onboarding.oaths", "reports.reports", "consultations.contacts", "trainings.participants")
TREND_YEARS = 5  # the last five years up to the report's last year
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    years: tuple[int, ...]
    values: tuple[float | None, ...]
    alt: str


def _figure(chart: dict[str, Any], colour: str) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(6.4, 2.8), dpi=100)
    axes = figure.add_subplot()
    years = [str(year) for year in chart["years"]]
    values = [value or 0 for value in chart["values"]]
    bars = axes.bar(years, values, color=colour if COLOUR.fullmatch(colour or "") else "#154273")
    # Numbers as the text writes them (Dutch: "1.250", "7,5"); a count's axis in whole steps.
    labels = ["–" if v is None else plain_number(Decimal(str(v))) for v in chart["values"]]
    axes.bar_label(bars, labels=labels, padding=2, fontsize=9)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: plain_number(Decimal(str(value)))))
    axes.set_title(chart["title"], fontsize=11, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_ylim(0, max([*values, 1]) * 1.2)
    axes.tick_params(labelsize=9)
    figure.tight_layout()
    return figure


def svg(chart: dict[str, Any], colour: str) -> bytes:
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "open-integriteit", "svg.fonttype": "none"}):
        _figure(chart, colour).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def png(chart: dict[str, Any], colour: str) -> bytes:
    buffer = io.BytesIO()
    _figure(chart, colour).savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    return buffer.getvalue()


def svg_data_url(chart: dict[str, Any], colour: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(chart, colour)).decode("ascii")
