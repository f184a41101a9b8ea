"""Reading an HR export (CSV or XLSX) into checked rows (ADR 0018). Nothing here writes.

The columns are named in ``COLUMNS`` (the same names as the downloadable template and the
documentation). A CSV may start with a byte-order mark and use ``;`` (Dutch Excel) or ``,``;
it must be UTF-8. Cells that start like a formula are refused, and so are files that are too
large or have too many rows. Every problem is reported with the line number of the file
(the header is line 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Office, PersonKind

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 60_000


@dataclass(frozen=True)
class Column:
    name: str
    help: Any
    required: bool = False
    example: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("personeelsnummer", gettext_lazy("Personnel number or other stable id from HR (the key)."), True, "100234"),
    Column("voornaam", gettext_lazy("Given name."), False, "Fatima"),
    Column("achternaam", gettext_lazy("Surname, with particles (e.g. van den Berg)."), True, "El Amrani"),
    Column("email", gettext_lazy("E-mail address at work."), False, "f.elamrani@example.invalid"),
    Column(
        "soort",
        gettext_lazy("medewerker, inhuur, trainee, stagiair, uitzendkracht or ambtsdrager."),
        True,
        "medewerker",
    ),
    Column(
        "ambt",
        gettext_lazy("Officials only: raadslid/statenlid, wethouder/gedeputeerde, burgemeester/commissaris."),
        False,
        "",
    ),
    Column("termijn_begin", gettext_lazy("Officials: start of the term (dd-mm-yyyy)."), False, ""),
    Column("termijn_einde", gettext_lazy("Officials: end of the term (dd-mm-yyyy)."), False, ""),
    Column("partij", gettext_lazy("Officials: political party."), False, ""),
    Column("eenheid_code", gettext_lazy("Code of the unit of the post (created when new)."), False, "VTH"),
    Column(
        "eenheid_naam", gettext_lazy("Name of the unit (needed for a new unit)."), False, "Vergunningen en toezicht"
    ),
    Column("bovenliggende_eenheid_code", gettext_lazy("Code of the parent unit; empty for a top unit."), False, "OMG"),
    Column("functie", gettext_lazy("Title of the post (created in the unit when new)."), False, "Vergunningverlener"),
    Column("schaal", gettext_lazy("Salary scale of the post."), False, "10"),
    Column("aangewezen", gettext_lazy("ja/nee: a post designated for the financial-interest duty."), False, "nee"),
    Column("publicatieplicht", gettext_lazy("ja/nee: side jobs of this post are published."), False, "nee"),
    Column(
        "in_functie_sinds",
        gettext_lazy("Start date in this post (dd-mm-yyyy); empty: the day of the import."),
        False,
        "",
    ),
    Column("leidinggevende_van", gettext_lazy("Codes of the units this person manages, separated by |."), False, ""),
    Column("account", gettext_lazy("User name of the person's account in this application, if any."), False, ""),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
REQUIRED = tuple(c.name for c in COLUMNS if c.required)

KINDS = {
    "medewerker": PersonKind.EMPLOYEE,
    "inhuur": PersonKind.HIRED,
    "trainee": PersonKind.TRAINEE,
    "stagiair": PersonKind.INTERN,
    "uitzendkracht": PersonKind.TEMP,
    "ambtsdrager": PersonKind.OFFICIAL,
}
OFFICES = {
    "raadslid": Office.COUNCIL_MEMBER,
    "statenlid": Office.COUNCIL_MEMBER,
    "wethouder": Office.EXECUTIVE,
    "gedeputeerde": Office.EXECUTIVE,
    "burgemeester": Office.HEAD,
    "commissaris": Office.HEAD,
}
YES = {"ja", "j", "yes", "y", "1", "true", "waar"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}
FORMULA_START = ("=", "+", "@", "\t", "\r")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CODE = re.compile(r"^[\w.\-/]{1,50}$")


class FileRefused(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


@dataclass
class Row:
    line: int
    values: dict[str, Any]


@dataclass
class CheckedRow:
    line: int
    external_id: str
    given_name: str
    surname: str
    email: str
    kind: str
    office: str
    term_start: dt.date | None
    term_end: dt.date | None
    party: str
    unit_code: str
    unit_name: str
    parent_code: str
    post_title: str
    salary_scale: str
    designated: bool | None
    publication_duty: bool | None
    post_since: dt.date | None
    manages: list[str]
    account: str


@dataclass
class Table:
    columns: frozenset[str]
    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def read_file(name: str, data: bytes) -> tuple[list[str], list[Row]]:
    """The header and the rows of a CSV or XLSX file, or ``FileRefused``."""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if name.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        header, rows = _read_xlsx(data)
    elif name.lower().endswith((".csv", ".txt")):
        header, rows = _read_csv(data)
    else:
        raise FileRefused(_("Upload a CSV file or an Excel file (.xlsx)."))
    if len(rows) > MAX_ROWS:
        raise FileRefused(_("The file has more than %(rows)d rows.") % {"rows": MAX_ROWS})
    return header, rows


def _read_csv(data: bytes) -> tuple[list[str], list[Row]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise FileRefused(_('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".'))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(_('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".')) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error:
        raise FileRefused(_("The file is not a readable CSV file.")) from None
    if not table:
        raise FileRefused(_("The file is empty."))
    header = [h.strip().lower() for h in table[0]]
    rows = [
        Row(line=number, values=dict(zip(header, (cell.strip() for cell in cells), strict=False)))
        for number, cells in enumerate(table[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]
    return header, rows


def _read_xlsx(data: bytes) -> tuple[list[str], list[Row]]:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > 20 * MAX_BYTES:
                raise FileRefused(_("The Excel file unpacks to too much data."))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except FileRefused:
        raise
    except Exception:
        raise FileRefused(_("The file is not a readable Excel file (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        header: list[str] = []
        rows: list[Row] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number == 1:
                header = [str(c).strip().lower() if c is not None else "" for c in cells]
                continue
            if len(rows) > MAX_ROWS:
                break
            values = [_xlsx_value(c) for c in cells]
            if any(v != "" for v in values):
                rows.append(Row(line=number, values=dict(zip(header, values, strict=False))))
    finally:
        workbook.close()
    if not header:
        raise FileRefused(_("The file is empty."))
    return header, rows


def _xlsx_value(cell: Any) -> Any:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, bool):
        return "ja" if cell else "nee"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError


def check(header: list[str], rows: list[Row]) -> Table:
    """Every row checked on its own and against the others; problems with line numbers."""
    errors: list[tuple[int, str]] = []
    unknown = [h for h in header if h and h not in COLUMN_NAMES]
    missing = [name for name in REQUIRED if name not in header]
    if unknown:
        errors.append((1, _("Unknown column(s): %(names)s.") % {"names": ", ".join(unknown)}))
    if missing:
        errors.append((1, _("Missing column(s): %(names)s.") % {"names": ", ".join(missing)}))
    if len([h for h in header if h]) != len({h for h in header if h}):
        errors.append((1, _("A column name occurs twice.")))
    if errors:
        return Table(columns=frozenset(header), errors=errors)
    table = Table(columns=frozenset(h for h in header if h))
    seen: dict[str, int] = {}
    for row in rows:
        problems, checked = _check_row(row)
        if checked is not None:
            first = seen.setdefault(checked.external_id, row.line)
            if first != row.line:
                problems.append(
                    _("Personnel number %(id)s is also on line %(line)d.") % {"id": checked.external_id, "line": first}
                )
        if problems:
            table.errors += [(row.line, p) for p in problems]
        elif checked is not None:
            table.rows.append(checked)
    return table


def _check_row(row: Row) -> tuple[list[str], CheckedRow | None]:
    v = {name: row.values.get(name, "") for name in COLUMN_NAMES}
    problems: list[str] = []
    for name, value in v.items():
        if isinstance(value, str) and value.startswith(FORMULA_START) and name != "email":
            problems.append(
                _("Column %(column)s holds a formula; only plain values can be imported.") % {"column": name}
            )
        elif isinstance(value, str) and len(value) > 200:
            problems.append(_("Column %(column)s is longer than 200 characters.") % {"column": name})
    if problems:
        return problems, None

    def text(name: str) -> str:
        value = v[name]
        return value.isoformat() if isinstance(value, dt.date) else str(value).strip()

    external_id = text("personeelsnummer")
    if not external_id:
        problems.append(_("The personnel number is empty."))
    elif len(external_id) > 64:
        problems.append(_("The personnel number is longer than 64 characters."))
    if not text("achternaam"):
        problems.append(_("The surname is empty."))
    email = text("email")
    if email and not EMAIL.match(email):
        problems.append(_("The e-mail address is not valid."))
    kind = KINDS.get(text("soort").lower())
    if kind is None:
        problems.append(
            _("Unknown kind %(value)r: use one of %(choices)s.") % {"value": text("soort"), "choices": ", ".join(KINDS)}
        )
    office = ""
    if text("ambt"):
        office = OFFICES.get(text("ambt").lower(), "")
        if not office:
            problems.append(
                _("Unknown office %(value)r: use one of %(choices)s.")
                % {"value": text("ambt"), "choices": ", ".join(OFFICES)}
            )
        elif kind is not None and kind != PersonKind.OFFICIAL:
            problems.append(_("Only an official (ambtsdrager) has an office."))
    elif kind == PersonKind.OFFICIAL:
        problems.append(_("An official (ambtsdrager) needs an office."))
    dates: dict[str, dt.date | None] = {}
    for name in ("termijn_begin", "termijn_einde", "in_functie_sinds"):
        try:
            dates[name] = _date(v[name])
        except ValueError:
            dates[name] = None
            problems.append(_("Column %(column)s is not a date (dd-mm-yyyy).") % {"column": name})
    if dates["termijn_begin"] and dates["termijn_einde"] and dates["termijn_einde"] < dates["termijn_begin"]:
        problems.append(_("The term ends before it starts."))
    flags: dict[str, bool | None] = {}
    for name in ("aangewezen", "publicatieplicht"):
        value = text(name).lower()
        flags[name] = True if value in YES else False if value in NO and value else None
        if value and value not in YES | NO:
            problems.append(_("Column %(column)s must be ja or nee.") % {"column": name})
    unit_code, title = text("eenheid_code"), text("functie")
    for name in ("eenheid_code", "bovenliggende_eenheid_code"):
        if text(name) and not CODE.match(text(name)):
            problems.append(_("Column %(column)s is not a valid code (letters, digits, . - / _).") % {"column": name})
    if title and not unit_code:
        problems.append(_("A post needs the code of its unit (eenheid_code)."))
    if text("bovenliggende_eenheid_code") and text("bovenliggende_eenheid_code") == unit_code:
        problems.append(_("A unit cannot be its own parent."))
    manages = [code for code in re.split(r"[|,\s]+", text("leidinggevende_van")) if code]
    if problems or kind is None:
        return problems, None
    return [], CheckedRow(
        line=row.line,
        external_id=external_id,
        given_name=text("voornaam"),
        surname=text("achternaam"),
        email=email,
        kind=kind,
        office=office,
        term_start=dates["termijn_begin"],
        term_end=dates["termijn_einde"],
        party=text("partij"),
        unit_code=unit_code,
        unit_name=text("eenheid_naam"),
        parent_code=text("bovenliggende_eenheid_code"),
        post_title=title,
        salary_scale=text("schaal"),
        designated=flags["aangewezen"],
        publication_duty=flags["publicatieplicht"],
        post_since=dates["in_functie_sinds"],
        manages=manages,
        account=text("account"),
    )


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    writer.writerow([c.example for c in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "personen"
    sheet.append(list(COLUMN_NAMES))
    sheet.append([c.example for c in COLUMNS])
    notes = workbook.create_sheet("uitleg")
    for column in COLUMNS:
        notes.append([column.name, str(_("required")) if column.required else "", str(column.help)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
