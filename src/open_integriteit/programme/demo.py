"""Invented annual programmes 2023–2026 for the demo organisations, made through the real
services by each organisation's coordinator: every status, outcomes for the years past,
and actions not done carried to the next year (some twice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from open_integriteit.access import roles

from . import services
from .models import Action

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

# year: (title, owner, theme, quarter, status, outcome, carried to the next year)
PROGRAMMES: dict[int, tuple[tuple[str, str, str, str, str, str, bool], ...]] = {
    2023: (
        ("Dilemmasessies voor alle teams", "Integriteitscoördinator", "Bewustwording", "q2", "done",
         "38 sessies, 612 deelnemers.", False),
        ("Meldregeling actualiseren naar de Wet bescherming klokkenluiders", "Juridische zaken", "Regelgeving", "q1",
         "done", "Vastgesteld in maart.", False),
        ("Lijst kwetsbare functies herzien", "HR", "Kwetsbare functies", "q3", "in_progress",
         "Inventarisatie klaar, vaststelling loopt.", True),
        ("E-learning integriteit voor nieuwe medewerkers", "HR", "Bewustwording", "q4", "postponed",
         "Uitgesteld door aanbesteding van het leerplatform.", True),
        ("Netwerk vertrouwenspersonen uitbreiden", "Integriteitscoördinator", "Vertrouwenspersonen", "q2",
         "cancelled", "Vervallen: gedeelde externe vertrouwenspersoon gecontracteerd.", False),
    ),
    2024: (
        ("Integriteitsbeleid 2024-2027 vaststellen", "Directie", "Beleid", "q1", "done",
         "Vastgesteld door het college in januari.", False),
        ("Eedaflegging digitaal vastleggen", "Integriteitscoördinator", "Eed en belofte", "q2", "done",
         "Alle ceremonies sinds april in het systeem.", False),
        ("Training moreel beraad voor leidinggevenden", "Concernacademie", "Leiderschap", "q4", "in_progress",
         "Twee van de vier groepen getraind.", True),
    ),
    2025: (
        ("Medewerkersonderzoek integriteit", "Onderzoek en statistiek", "Monitoring", "q2", "done",
         "Respons 61%; rapport besproken in het MT.", False),
        ("Registers nevenfuncties openbaar op de website", "Registerbeheerder", "Transparantie", "q3", "done",
         "Online sinds september.", False),
        ("Gedragscode volksvertegenwoordigers evalueren", "Griffie", "Regelgeving", "q4", "planned", "", True),
    ),
    2026: (
        ("Dilemmaspel in het inwerkprogramma", "HR", "Bewustwording", "q1", "in_progress", "", False),
        ("Risicoanalyse aanbestedingen", "Inkoop", "Kwetsbare processen", "q3", "planned", "", False),
    ),
}  # fmt: skip


def load_demo_programme(organisations: dict[str, Organisation]) -> None:
    for organisation in organisations.values():
        if Action.objects.filter(organisation=organisation).exists():
            continue  # loaded before
        coordinator = roles.coordinators_of(organisation.pk).order_by("pk").first()
        if coordinator is None:
            continue
        for year in sorted(PROGRAMMES):
            for title, owner, theme, quarter, status, outcome, carry in PROGRAMMES[year]:
                action = services.action_add(
                    organisation=organisation,
                    by=coordinator,
                    year=year,
                    title=title,
                    owner_text=owner,
                    theme=theme,
                    quarter=quarter,
                    status=status,
                    outcome=outcome,
                )
                if carry:
                    services.action_carry(action=action, by=coordinator)
        # The carried copies move on: some were done the next year, one is carried again.
        for copy in Action.objects.filter(organisation=organisation, carried_from__isnull=False, year__lt=2026):
            if copy.year == 2024 and copy.theme == "Bewustwording":
                services.action_carry(action=copy, by=coordinator)  # postponed once more
                status, outcome = "postponed", "Leerplatform pas in 2025 beschikbaar."
            else:
                status, outcome = "done", "Afgerond na doorschuiven."
            services.action_update(
                action=copy,
                by=coordinator,
                title=copy.title,
                owner=copy.owner,
                owner_text=copy.owner_text,
                theme=copy.theme,
                quarter=copy.quarter,
                deadline=copy.deadline,
                status=status,
                outcome=outcome,
            )
