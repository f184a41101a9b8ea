"""The coordinator's narrative: plain text with simple formatting and live figures (issue 10).

Formatting, deliberately small so every output (HTML, PDF, Word) can render it the same:

- a blank line starts a new paragraph;
- lines starting with ``- `` form a bulleted list;
- ``**words**`` are bold.

Placeholders put generated figures in the text and stay live until adoption (then the
whole document is frozen):

- ``{reports.reports}``: the figure's total in the report's last year;
- ``{reports.reports@2022}``: its total in 2022;
- ``{reports.reports:vergelijking}`` (or ``:comparison``): the sentence comparing the last
  year with the previous measurement.

An unknown figure or a year outside the report is not silently dropped: ``placeholders``
lists the problems, the edit form refuses them with a Dutch message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Anything that looks like a placeholder, well formed or not: "{reports.reports:xyz}", "{reports".
CANDIDATE = re.compile(r"\{[^{}\s]*\}?")
PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z_]+)(?:@(\d{4})|:(vergelijking|comparison))?\}")
BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Run, ...], ...]


Block = Paragraph | BulletList


@dataclass(frozen=True)
class Placeholder:
    key: str
    year: int | None
    comparison: bool
    source: str


def placeholders(text: str) -> Iterator[Placeholder]:
    for match in PLACEHOLDER.finditer(text or ""):
        key, year, comparison = match.groups()
        yield Placeholder(key=key, year=int(year) if year else None, comparison=bool(comparison), source=match.group(0))


def malformed(text: str) -> list[str]:
    """What looks like a placeholder but is not written as one."""
    return [m.group(0) for m in CANDIDATE.finditer(text or "") if not PLACEHOLDER.fullmatch(m.group(0))]


def fill(text: str, resolve: Callable[[Placeholder], str | None]) -> str:
    """``text`` with each placeholder replaced by ``resolve``; one it cannot resolve stays as typed."""

    def replace(match: re.Match[str]) -> str:
        (placeholder,) = placeholders(match.group(0))
        value = resolve(placeholder)
        return match.group(0) if value is None else value

    return PLACEHOLDER.sub(replace, text or "")


def _runs(line: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    position = 0
    for match in BOLD.finditer(line):
        if match.start() > position:
            runs.append(Run(line[position : match.start()]))
        runs.append(Run(match.group(1), bold=True))
        position = match.end()
    if position < len(line):
        runs.append(Run(line[position:]))
    return tuple(runs)


def blocks(text: str) -> tuple[Block, ...]:
    """The paragraphs and lists of a narrative, in order."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        items: list[tuple[Run, ...]] = []
        for line in lines:
            if line.startswith("- "):
                if paragraph:
                    result.append(Paragraph(_runs(" ".join(paragraph))))
                    paragraph = []
                items.append(_runs(line[2:].strip()))
            else:
                if items:
                    result.append(BulletList(tuple(items)))
                    items = []
                paragraph.append(line)
        if paragraph:
            result.append(Paragraph(_runs(" ".join(paragraph))))
        if items:
            result.append(BulletList(tuple(items)))
    return tuple(result)
