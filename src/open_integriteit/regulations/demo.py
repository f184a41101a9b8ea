"""Invented rules and codes for the demo organisations, added through the real services by
each organisation's coordinator; the PDFs are made at load time with WeasyPrint from
invented text. Some versions are old enough to be due for review, one code of conduct has
been replaced by a newer version, and the investigation protocol is not public."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.html import escape

from open_integriteit.access import roles
from open_integriteit.reports.uploads import CheckedFile

from . import services
from .models import Regulation

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

# (key, kind, title, for whom, adopted by, adopted on, decision reference, public, replaces key)
REGULATIONS = (
    ("code-2019", "staff_code", "Gedragscode integriteit medewerkers", "Alle medewerkers en ingehuurd personeel",
     "executive", dt.date(2019, 3, 12), "{p}-2019-031", True, None),
    ("code-2023", "staff_code", "Gedragscode integriteit medewerkers 2023", "Alle medewerkers en ingehuurd personeel",
     "executive", dt.date(2023, 9, 5), "{p}-2023-188", True, "code-2019"),
    ("council", "council_code", "Gedragscode volksvertegenwoordigers", "Leden van de raad of Staten",
     "council", dt.date(2021, 11, 4), "{p}-2021-240", True, None),
    ("executive", "executive_code", "Gedragscode dagelijks bestuur", "Leden van het college",
     "executive", dt.date(2022, 6, 14), "{p}-2022-101", True, None),
    ("reporting", "reporting_procedure", "Regeling melden vermoeden van een misstand", "Iedereen die werkt of werkte",
     "executive", dt.date(2020, 2, 18), "{p}-2020-022", True, None),
    ("complaints", "complaints_regulation", "Klachtenregeling ongewenste omgangsvormen", "Alle medewerkers",
     "secretary", dt.date(2022, 1, 25), "{p}-2022-009", True, None),
    ("protocol", "investigation_protocol", "Protocol integriteitsonderzoek", "Coördinatoren en onderzoekers",
     "secretary", dt.date(2021, 5, 20), "{p}-2021-098", False, None),
    ("email", "email_social_media", "Protocol e-mail, internet en sociale media", "Alle medewerkers",
     "management", dt.date(2018, 10, 2), "MT-2018-14", True, None),
    ("plan", "policy_plan", "Integriteitsbeleid 2024-2027", "De hele organisatie",
     "executive", dt.date(2024, 1, 30), "{p}-2024-012", True, None),
)  # fmt: skip


def demo_pdf(title: str, organisation_name: str) -> bytes:
    """A small PDF with invented text (WeasyPrint, already a dependency)."""
    from weasyprint import HTML

    html = (
        f"<html lang='nl'><head><meta charset='utf-8'><title>{escape(title)}</title></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(organisation_name)}</p>"
        "<p>Dit document is verzonnen voor de demonstratie van Open Integriteit. Het bevat geen echte regels.</p>"
        "<h2>Artikel 1</h2><p>Wij handelen integer, ook als niemand kijkt.</p>"
        "<h2>Artikel 2</h2><p>Twijfel je? Bespreek het met je leidinggevende of de vertrouwenspersoon.</p>"
        "</body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def load_demo_regulations(organisations: dict[str, Organisation]) -> None:
    for organisation in organisations.values():
        if Regulation.objects.filter(organisation=organisation).exists():
            continue  # loaded before
        coordinator = roles.coordinators_of(organisation.pk).order_by("pk").first()
        if coordinator is None:
            continue
        prefix = "GS" if organisation.kind == "province" else "BW"
        made: dict[str, Regulation] = {}
        for key, kind, title, audience, adopted_by, adopted_on, reference, public, replaces in REGULATIONS:
            made[key] = services.regulation_add(
                organisation=organisation,
                by=coordinator,
                kind=kind,
                title=title,
                audience=audience,
                adopted_by=adopted_by,
                adopted_on=adopted_on,
                decision_reference=reference.format(p=prefix),
                public=public,
                document=CheckedFile(f"{key}.pdf", "application/pdf", demo_pdf(title, organisation.name)),
                replaces=made[replaces] if replaces else None,
            )
