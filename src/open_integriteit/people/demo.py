# ruff: noqa: E501 (one invented person per line reads better than wrapped tuples)
"""Invented people registers for the demo organisations, loaded through the HR import (the
one service that writes people, units and posts). Nothing here is real: every name is made
up, every e-mail address ends in ``.example``."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from open_integriteit.accounts.models import User

from .hr_file import COLUMN_NAMES
from .services import people_import

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

# personeelsnummer, voornaam, achternaam, soort, ambt, termijn_begin, termijn_einde, partij, eenheid_code,
# eenheid_naam, bovenliggende_eenheid_code, functie, schaal, aangewezen, publicatieplicht, in_functie_sinds,
# leidinggevende_van, account
PROVINCE = [
    ("P0001", "Henriëtte", "Kwakernaak", "medewerker", "", "", "", "", "DIR", "Directie", "", "Provinciesecretaris", "17", "ja", "ja", "01-09-2019", "DIR", ""),
    ("P0002", "Govert", "Oosterhuis", "medewerker", "", "", "", "", "RO", "Ruimte en Omgeving", "DIR", "Afdelingshoofd Ruimte en Omgeving", "14", "ja", "nee", "01-02-2021", "RO", ""),
    ("P0003", "Lars", "Leiding", "medewerker", "", "", "", "", "VTH", "Vergunningen en toezicht", "RO", "Teamleider Vergunningen", "12", "nee", "nee", "01-05-2022", "VTH", "leidinggevende"),
    ("P0004", "Mila", "Medewerker", "medewerker", "", "", "", "", "VTH", "Vergunningen en toezicht", "RO", "Beleidsmedewerker", "10", "nee", "nee", "01-01-2023", "", "medewerker"),
    ("P0005", "Ruben", "Tjoa-Brink", "inhuur", "", "", "", "", "VTH", "Vergunningen en toezicht", "RO", "Vergunningverlener", "10", "nee", "nee", "15-08-2024", "", ""),
    ("P0006", "Noor", "Wijnschenk", "stagiair", "", "", "", "", "VTH", "Vergunningen en toezicht", "RO", "Stagiair toezicht", "", "nee", "nee", "02-09-2025", "", ""),
    ("P0007", "Ayla", "Demirkaya", "medewerker", "", "", "", "", "BV", "Bedrijfsvoering", "DIR", "Afdelingshoofd Bedrijfsvoering", "14", "ja", "nee", "01-03-2020", "BV", ""),
    ("P0008", "Koen", "Spreeuwenberg", "medewerker", "", "", "", "", "INK", "Inkoop", "BV", "Senior inkoper", "11", "ja", "ja", "01-06-2018", "", ""),
    ("P0009", "Iris", "Valkenhorst", "uitzendkracht", "", "", "", "", "INK", "Inkoop", "BV", "Medewerker inkoopadministratie", "7", "nee", "nee", "01-10-2025", "", ""),
    ("P0010", "Daan", "Lindeboom", "trainee", "", "", "", "", "BV", "Bedrijfsvoering", "DIR", "Trainee bedrijfsvoering", "8", "nee", "nee", "01-09-2025", "", ""),
    ("P0011", "Rik", "Register", "medewerker", "", "", "", "", "BV", "Bedrijfsvoering", "DIR", "Registerbeheerder integriteit", "9", "nee", "nee", "01-03-2024", "", "registerbeheerder"),
    ("P0012", "Willemijn", "Terpstra", "medewerker", "", "", "", "", "GRIF", "Statengriffie", "", "Statengriffier", "15", "ja", "ja", "01-01-2021", "", ""),
    ("B0001", "Maarten", "Hofstede-Claes", "ambtsdrager", "commissaris", "01-07-2021", "30-06-2027", "", "", "", "", "", "", "", "", "", "", ""),
    ("B0002", "Saskia", "Dijkgraaf-Molema", "ambtsdrager", "gedeputeerde", "01-06-2023", "31-05-2027", "Partij Noord", "", "", "", "", "", "", "", "", "", ""),
    ("B0003", "Jelle", "Ommerveld", "ambtsdrager", "gedeputeerde", "01-06-2023", "31-05-2027", "Lijst Landelijk", "", "", "", "", "", "", "", "", "", ""),
    ("B0004", "Fenna", "Roggeveen", "ambtsdrager", "statenlid", "29-03-2023", "31-03-2027", "Partij Noord", "", "", "", "", "", "", "", "", "", ""),
    ("B0005", "Tarik", "Benhaddou", "ambtsdrager", "statenlid", "29-03-2023", "31-03-2027", "Groen Verbond", "", "", "", "", "", "", "", "", "", ""),
]  # fmt: skip
MUNICIPALITY = [
    ("G0001", "Wilma", "Stoutjesdijk", "medewerker", "", "", "", "", "GS", "Gemeentesecretaris", "", "Gemeentesecretaris", "16", "ja", "ja", "01-01-2020", "GS", ""),
    ("G0002", "Bas", "Heerkens", "medewerker", "", "", "", "", "SD", "Sociaal Domein", "GS", "Teamleider Sociaal Domein", "12", "nee", "nee", "01-04-2022", "SD", ""),
    ("G0003", "Lotte", "Verhoog", "medewerker", "", "", "", "", "SD", "Sociaal Domein", "GS", "Consulent Wmo", "9", "nee", "nee", "01-11-2023", "", ""),
    ("G0004", "Sem", "Prinsenhof", "inhuur", "", "", "", "", "SD", "Sociaal Domein", "GS", "Inkoper zorg", "11", "ja", "ja", "01-02-2025", "", ""),
    ("G0005", "Rosa", "Register", "medewerker", "", "", "", "", "GS", "Gemeentesecretaris", "", "Registerbeheerder integriteit", "9", "nee", "nee", "01-06-2024", "", "registerbeheerder-voorbeeldstad"),
    ("G0006", "Pieter-Jan", "Nieuwenhuys", "medewerker", "", "", "", "", "GRIF", "Raadsgriffie", "", "Raadsgriffier", "14", "ja", "ja", "01-09-2021", "", ""),
    ("W0001", "Annemarie", "Kolkhuis", "ambtsdrager", "burgemeester", "01-10-2020", "30-09-2026", "", "", "", "", "", "", "", "", "", "", ""),
    ("W0002", "Erik", "Zonneveld-Aarts", "ambtsdrager", "wethouder", "01-06-2022", "31-03-2026", "Stadspartij", "", "", "", "", "", "", "", "", "", ""),
    ("W0003", "Meryem", "Karaduman", "ambtsdrager", "raadslid", "30-03-2022", "31-03-2026", "Groen Verbond", "", "", "", "", "", "", "", "", "", ""),
    ("W0004", "Joost", "Brakenhoff", "ambtsdrager", "raadslid", "30-03-2022", "31-03-2026", "Stadspartij", "", "", "", "", "", "", "", "", "", ""),
]  # fmt: skip
REGISTERS = {"provincie-voorbeeld": PROVINCE, "gemeente-voorbeeldstad": MUNICIPALITY}
COLUMNS = [name for name in COLUMN_NAMES if name != "email"]


def _file(slug: str, rows: Sequence[tuple[str, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([*COLUMNS, "email"])
    for row in rows:
        email = (
            f"{row[1].lower()}.{row[2].lower().replace(' ', '')}@{slug}.example"
            if not row[0].startswith(("B", "W"))
            else ""
        )
        writer.writerow([*row, email])
    return out.getvalue().encode("utf-8")


def load_demo_people(organisations: dict[str, Organisation]) -> None:
    """Import both invented registers (again: importing the same file changes nothing)."""
    for slug, rows in REGISTERS.items():
        organisation = organisations[slug]
        # The demo accounts exist only in their own organisation; leave out a link that cannot be made.
        usernames = set(User.objects.filter(organisation=organisation).values_list("username", flat=True))
        rows = [(*row[:-1], row[-1] if row[-1] in usernames else "") for row in rows]
        result = people_import(
            organisation=organisation, by=None, file_name="demo.csv", data=_file(slug, rows), dry_run=False
        )
        if result.errors:
            raise ValueError(f"demo register of {slug}: {result.errors}")
    from .demo_vulnerable import load_demo_vulnerable_posts

    load_demo_vulnerable_posts(organisations)
