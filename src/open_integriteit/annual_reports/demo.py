"""Invented annual reports for the demo organisations, made through the real services by each
organisation's coordinator: the 2025 report written, checked (the small numbers accepted per
figure or table with one reason), adopted in early 2026, its files made and published; and
the 2026 draft with its first texts. Loaded once per organisation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from open_integriteit.access import roles

from . import document, privacy, services, tasks
from .models import AnnualReport

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

# By organisation kind: who adopts the report, its council, and the decision of 2026.
ADOPTION: dict[str, tuple[str, str, dt.date, str]] = {
    "province": ("Gedeputeerde Staten", "Provinciale Staten", dt.date(2026, 3, 10), "GS-2026-0188"),
    "municipality": ("College van B&W", "de gemeenteraad", dt.date(2026, 3, 17), "BW-2026-0231"),
}
OTHER_ADOPTION = ("Dagelijks bestuur", "het algemeen bestuur", dt.date(2026, 3, 24), "DB-2026-0042")

# The 2025 report, by chapter key; {council} is filled per organisation.
NARRATIVE_2025: dict[str, str] = {
    "introduction": (
        "Deze rapportage beschrijft hoe {name} in 2025 werkte aan integriteit. Zij is bestemd voor {council} "
        "en wordt daarna openbaar gemaakt. Alle cijfers zijn geteld uit de registers en het meldpunt; niets in "
        "deze rapportage is herleidbaar tot een persoon.\n\n"
        "In 2025 lag de nadruk op bewustwording in de teams, een nieuwe meldregeling volgens de Wet bescherming "
        "klokkenluiders en het openbaar maken van de registers van nevenfuncties."
    ),
    "framework": (
        "Integriteit is een gedeelde verantwoordelijkheid van bestuur, leidinggevenden en medewerkers. Het "
        "integriteitsbeleid rust op drie pijlers:\n\n"
        "- **voorkomen**: heldere regels, de eed of belofte en het gesprek over dilemma's;\n"
        "- **signaleren**: een veilig meldpunt en bereikbare vertrouwenspersonen;\n"
        "- **handelen**: zorgvuldig onderzoek en passende maatregelen.\n\n"
        "De gedragscode en de meldregeling staan hieronder bij de geldende regels."
    ),
    "activities": (
        "In 2025 legden {onboarding.oaths} nieuwe medewerkers de eed of belofte af. Dilemmasessies werden in "
        "bijna alle teams gehouden; de e-learning integriteit is nu onderdeel van het inwerkprogramma.\n\n"
        "Leidinggevenden volgden een training moreel beraad, zodat zij lastige situaties in hun team zelf "
        "bespreekbaar kunnen maken."
    ),
    "reports": (
        "Het meldpunt ontving in 2025 {reports.reports} meldingen. {reports.reports:vergelijking}\n\n"
        "Elke melding is beoordeeld op onderzoekswaardigheid. Meldingen die geen onderzoek vroegen, zijn met "
        "de melder besproken en waar nodig doorverwezen naar de leidinggevende of HR. De vertrouwenspersonen "
        "hadden {consultations.contacts} contacten; de meeste gingen over omgangsvormen op de werkvloer."
    ),
    "cases_table": (
        "De tabel hieronder geeft per afgerond onderzoek de samenvatting voor de raad. Namen, afdelingen en "
        "andere herleidbare gegevens zijn weggelaten."
    ),
    "adviser_topics": (
        "De onderwerpen zijn per jaar geteld. Kleine aantallen per onderwerp zijn opgenomen omdat ze niet naar "
        "een afdeling of team zijn uitgesplitst."
    ),
    "programme": (
        "Het jaarprogramma 2025 is grotendeels uitgevoerd. Wat niet af kwam, is doorgeschoven naar 2026 en staat "
        "in de tabel met de nieuwe status."
    ),
    "indicators": (
        "Het medewerkersonderzoek laat zien dat meer medewerkers weten waar zij terechtkunnen met een vermoeden "
        "van een misstand. Het vertrouwen dat een melding zorgvuldig wordt behandeld, bleef gelijk."
    ),
    "figures": (
        "Deze bijlage bevat alle cijfers die de regeling voor de jaarrapportage vraagt, met de vergelijking met "
        "eerdere jaren."
    ),
}
NARRATIVE_2026: dict[str, str] = {
    "introduction": (
        "Deze rapportage beschrijft hoe {name} in 2026 werkte aan integriteit. De tekst wordt na afloop van het "
        "jaar aangevuld."
    ),
    "activities": "Dit jaar staat het dilemmaspel in het inwerkprogramma centraal, en een risicoanalyse van de inkoop.",
}

# One reason per kind of flag, as a coordinator would write it.
REASONS = {
    "count": "Uitgesplitst naar soort, niet naar afdeling of team: dit kleine aantal wijst niemand aan.",
    "cell": "De tabel telt voor de hele organisatie; zonder afdeling of team is een klein aantal niet herleidbaar.",
    "text": "Nagelezen door de integriteitscoördinator: de tekst noemt geen persoon.",
    "table": "Nagelezen door de integriteitscoördinator: de tabel noemt geen persoon.",
    "label": "Nagelezen door de integriteitscoördinator: dit is de naam van een bureau, niet van een persoon.",
}


def load_demo_annual_reports(organisations: dict[str, Organisation]) -> None:
    for organisation in organisations.values():
        if AnnualReport.objects.filter(organisation=organisation).exists():
            continue  # loaded before
        coordinator = roles.coordinators_of(organisation.pk).order_by("pk").first()
        if coordinator is None:
            continue
        adopted_by, council, adopted_on, reference = ADOPTION.get(organisation.kind, OTHER_ADOPTION)
        report = _drafted(organisation, 2025, NARRATIVE_2025, coordinator, council=council)
        by_kind: dict[str, set[str]] = {}
        for flag in privacy.open_flags(report, privacy.flags(report, document.build(report))):
            by_kind.setdefault(flag.group.split(":")[0], set()).add(flag.group)
        for kind, groups in by_kind.items():
            services.flag_group_accept(report=report, groups=groups, reason=REASONS[kind], by=coordinator)
        services.report_adopt(
            report=report, adopted_on=adopted_on, adopted_by=adopted_by, decision_reference=reference, by=coordinator
        )
        tasks.render_files(report.pk)
        services.report_publish(report=report, by=coordinator)
        _drafted(organisation, 2026, NARRATIVE_2026, coordinator, council=council)


def _drafted(organisation: Organisation, year: int, texts: dict[str, str], by: Any, *, council: str) -> AnnualReport:
    report = services.report_create(organisation=organisation, first_year=year, last_year=year, by=by)
    for section in report.sections.filter(key__in=texts):
        text = texts[section.key].replace("{name}", organisation.name).replace("{council}", council)
        services.section_update(section=section, title=section.title, narrative=text, enabled=True, by=by)
    return report
