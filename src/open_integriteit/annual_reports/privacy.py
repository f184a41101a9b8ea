"""The privacy guard before adoption (issue 10): nothing in a published report may lead back
to a person (DOMAIN.md §4.8).

It raises a flag, with where it is, for:

- every breakdown cell (of a figure or a table) that counts people and is above zero but
  below the organisation's threshold (default 5): "2 complaints about unwanted behaviour in
  unit X" points at someone;
- every chapter text and every free-text table cell in which the product's one anonymity
  check (``core.anonymity``) finds a name of a person or party known to the system, an
  e-mail address, a phone number or a citizen service number — the flag never quotes what
  was found;
- every case of the report's years whose council summary is not final (it blocks the cases
  table) — read from the cases' statistics selector when that app offers one.

Adoption is blocked until each flag is solved (it is no longer raised) or accepted with a
reason (``FlagAcceptance``, audited). A flag's code is stable while its cause is: a changed
text gets a new code and must be looked at again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from open_integriteit.core.anonymity import AnonymityCheck

from . import narrative
from .document import Document, Table
from .models import DEFAULT_SMALL_COUNT, AnnualReport, ReportSettings


@dataclass(frozen=True)
class Flag:
    code: str
    where: str
    message: str
    # The figure, table or chapter the flag is in: its flags are listed, and may be
    # accepted, together (``group`` is stable, ``group_title`` is what the page shows).
    group: str = ""
    group_title: str = ""

    @property
    def detail(self) -> str:
        """Where the flag is inside its group ("2025 › Ongewenst gedrag"); empty for a chapter text."""
        prefix = f"{self.group_title} › "
        return self.where[len(prefix) :] if self.where.startswith(prefix) else ""


def threshold_of(organisation_id: int) -> int:
    settings = ReportSettings.objects.filter(organisation_id=organisation_id).first()
    return settings.small_count_threshold if settings else DEFAULT_SMALL_COUNT


def _number(text: str) -> float | None:
    cleaned = text.replace(".", "").replace(",", ".").replace("%", "").replace("€", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


def _digest(text: str) -> str:
    """A short keyed digest: a flag's code is stored (and audited) in plain text, and a bare
    hash of a short cell could be tested against guessed names."""
    return salted_hmac("annual_reports.privacy.flag", text, algorithm="sha256").hexdigest()[:16]


def _plain(blocks: Iterable[Any]) -> str:
    """What the reader of the outputs sees of a chapter's text: formatting marks gone, so
    "Jan**sen**" is checked as the "Jansen" it shows."""
    lines: list[str] = []
    for block in blocks:
        runs_of = [block.runs] if isinstance(block, narrative.Paragraph) else list(block.items)
        lines.extend("".join(run.text for run in runs) for runs in runs_of)
    return "\n".join(lines)


def small_counts(document: Document, threshold: int) -> Iterable[Flag]:
    message = _("Fewer than %(threshold)s: a number this small could point at a person.") % {"threshold": threshold}
    flagged_figures: set[str] = set()
    for section in document.sections:
        for figure in section.figures:
            if not figure.identifying or figure.unit not in ("count", ""):
                continue
            flagged_figures.add(figure.key)
            for value in figure.years:
                for label, shown in value.breakdown:
                    number = _number(shown)
                    if number is not None and 0 < number < threshold:
                        group_title = f"{section.title} › {figure.label}"
                        yield Flag(
                            # The number is part of the code: a reason given for 4 does not cover a 1.
                            code=f"count:{figure.key}:{value.year}:{_digest(label)}:{shown}",
                            where=f"{group_title} › {value.year} › {label}",
                            message=message,
                            group=f"count:{figure.key}",
                            group_title=group_title,
                        )
    # A breakdown table of a figure (the advisers' topics, oaths per group) shows the numbers
    # already flagged at the figure itself: one flag for one number, accepted once.
    for section in document.sections:
        for table in section.tables:
            if table.key not in flagged_figures:
                yield from _table_counts(section.title, table, threshold, message)


def _table_counts(section_title: str, table: Table, threshold: int, message: str) -> Iterable[Flag]:
    for row_index, column in table.count_cells:
        number = _number(table.rows[row_index][column])
        if number is not None and 0 < number < threshold:
            row_label, column_label = table.rows[row_index][0], table.header[column]
            group_title = f"{section_title} › {table.caption}"
            yield Flag(
                code=f"cell:{table.key}:{_digest(row_label)}:{_digest(column_label)}:{table.rows[row_index][column]}",
                where=f"{group_title} › {row_label} › {column_label}",
                message=message,
                group=f"cell:{table.key}",
                group_title=group_title,
            )


def texts(report: AnnualReport, document: Document) -> Iterable[Flag]:
    """Names, e-mail addresses, phone numbers and BSNs in what the outputs show: each chapter's
    title and text (as rendered, placeholders filled), every table cell and every breakdown
    label of a figure (a bureau's or unit's name typed on a record)."""
    check = AnonymityCheck.for_organisation(report.organisation_id)
    for section in document.sections:
        shown = (("title", section.title), ("text", _plain(section.blocks)))
        for kind, text in shown:
            for problem in check.problems(text):
                yield Flag(
                    code=f"{kind}:{section.key}:{problem.code}:{_digest(text)}",
                    where=section.title,
                    message=problem.message,
                    group=f"text:{section.key}",
                    group_title=section.title,
                )
        for figure in section.figures:
            labels = dict.fromkeys(label for value in figure.years for label, _shown in value.breakdown)
            yield from _text_flags(check, "label", figure.key, f"{section.title} › {figure.label}", labels)
        for table in section.tables:
            cells = (cell for row in table.rows for cell in row)
            yield from _text_flags(check, "table", table.key, f"{section.title} › {table.caption}", cells)


def _text_flags(check: AnonymityCheck, kind: str, key: str, where: str, texts: Iterable[str]) -> Iterable[Flag]:
    """A flag per problem in each of ``texts`` (the labels of a figure, the cells of a table)."""
    for text in texts:
        for problem in check.problems(text):
            yield Flag(
                code=f"{kind}:{key}:{problem.code}:{_digest(text)}",
                where=where,
                message=problem.message,
                group=f"{kind}:{key}",
                group_title=where,
            )


def flags(report: AnnualReport, document: Document, *, extra: Iterable[Flag] = ()) -> list[Flag]:
    """Every flag of the report now, each once, in document order."""
    seen: dict[str, Flag] = {}
    for flag in (*small_counts(document, threshold_of(report.organisation_id)), *texts(report, document), *extra):
        seen.setdefault(flag.code, flag)
    return list(seen.values())


def open_flags(report: AnnualReport, all_flags: list[Flag]) -> list[Flag]:
    accepted = set(report.accepted_flags.values_list("code", flat=True))
    return [flag for flag in all_flags if flag.code not in accepted]


def as_rows(report: AnnualReport, all_flags: list[Flag]) -> list[dict[str, Any]]:
    accepted = {a.code: a for a in report.accepted_flags.all()}
    return [{"n": n, "flag": flag, "accepted": accepted.get(flag.code)} for n, flag in enumerate(all_flags, 1)]


def grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of ``as_rows`` by the figure, table or chapter they are in, in document
    order: each group with its title, its rows (and their codes) and how many are open."""
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        flag = row["flag"]
        group = groups.setdefault(
            flag.group, {"key": flag.group, "title": flag.group_title, "rows": [], "codes": [], "open": 0}
        )
        group["rows"].append(row)
        group["codes"].append(flag.code)
        group["open"] += row["accepted"] is None
    return list(groups.values())
