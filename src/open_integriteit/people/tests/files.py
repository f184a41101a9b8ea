"""Invented HR exports for the tests (and the need-to-know world)."""

from __future__ import annotations

import csv
import io

from open_integriteit.people.hr_file import COLUMN_NAMES

ROWS = [
    # personeelsnummer, voornaam, achternaam, email, soort, ambt, termijn_begin, termijn_einde, partij,
    # eenheid_code, eenheid_naam, bovenliggende_eenheid_code, functie, schaal, aangewezen, publicatieplicht,
    # in_functie_sinds, leidinggevende_van, account
    ["1001", "Ilse", "van den Heuvel", "i.heuvel@example.invalid", "medewerker", "", "", "", "",
     "DIR", "Directie", "", "Directeur", "16", "ja", "ja", "01-01-2020", "DIR", ""],
    ["1002", "Bram", "Aksoy", "", "medewerker", "", "", "", "",
     "OMG", "Omgeving", "DIR", "Afdelingshoofd Omgeving", "14", "ja", "nee", "01-03-2021", "OMG", ""],
    ["1003", "Sanne", "de Wit", "", "inhuur", "", "", "", "",
     "VTH", "Vergunningen", "OMG", "Vergunningverlener", "10", "nee", "nee", "", "", ""],
    ["1004", "Youssef", "Bakker", "", "stagiair", "", "", "", "",
     "VTH", "Vergunningen", "OMG", "Stagiair vergunningen", "", "nee", "nee", "", "", ""],
    ["1005", "Emma", "Jansen", "", "medewerker", "", "", "", "",
     "FIN", "Financiën", "DIR", "Controller", "11", "ja", "nee", "", "", ""],
    ["9001", "Pieter", "Zwart", "", "ambtsdrager", "gedeputeerde", "01-04-2023", "31-03-2027", "Partij A",
     "", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def as_csv(rows: list[list[str]] = ROWS, delimiter: str = ";", bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def as_xlsx(rows: list[list[str]] = ROWS) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(COLUMN_NAMES))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def world_hr_file() -> bytes:
    """The invented register of the need-to-know world: dave's account is person 1002, who
    manages OMG (and so VTH below it); mila's is person 1003 in VTH (she declares, dave
    decides); otto's is person 1005, who manages FIN (a manager of another unit)."""
    rows = [list(row) for row in ROWS]
    rows[1][18] = "dave"
    rows[2][18] = "mila"
    rows[4][17] = "FIN"
    rows[4][18] = "otto"
    return as_csv(rows)
