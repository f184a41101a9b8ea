"""Invented demo advice requests. Nothing here is real."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from open_integriteit.lists.selectors import entries_by_code

from . import services
from .models import AdviceRequest, ReceivedVia
from .topics import ADVICE_TOPICS

if TYPE_CHECKING:
    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation

# (date, received via, topic code, question, advice, anonymised summary) — all invented.
DEMO_ADVICE = [
    (
        dt.date(2024, 1, 9),
        ReceivedVia.MANAGER,
        "gifts_invitations",
        "Een medewerker van Inkoop kreeg rond de jaarwisseling van een leverancier een wijnpakket thuisbezorgd, "
        "geschatte waarde € 85. Mag hij het houden?",
        "Nee: boven € 50 melden en inleveren. Het pakket is geregistreerd en gaat naar de personeelsloterij; de "
        "leverancier krijgt een vriendelijke brief dat geschenken aan huis niet op prijs worden gesteld.",
        "Een medewerker ontving een geschenk van een leverancier boven de € 50. Geadviseerd het te melden en in te "
        "leveren; het is verloot onder het personeel.",
    ),
    (
        dt.date(2024, 4, 22),
        ReceivedVia.COORDINATOR,
        "gifts_invitations",
        "Een adviseur is door een ingenieursbureau uitgenodigd voor een diner met overnachting na een congres. "
        "Het bureau dingt mee naar een lopende aanbesteding.",
        "Afslaan: de uitnodiging komt van een partij in een lopende aanbesteding en een overnachting gaat verder dan "
        "gebruikelijke gastvrijheid. Deelname aan het congres zelf kan op kosten van de organisatie.",
        "Een medewerker vroeg of een uitnodiging voor een diner met overnachting van een partij in een lopende "
        "aanbesteding kon worden aangenomen. Geadviseerd af te slaan.",
    ),
    (
        dt.date(2024, 9, 3),
        ReceivedVia.HR,
        "side_jobs",
        "Een medewerker Vergunningen wil bestuurslid worden van een lokale politieke partij in de gemeente waar zij "
        "ook vergunningaanvragen behandelt.",
        "Melden als nevenwerkzaamheid. Toegestaan onder voorwaarde dat zij geen aanvragen behandelt die in de "
        "gemeenteraad van die gemeente politiek spelen; de leidinggevende legt de afspraak vast.",
        "Een medewerker wilde een bestuursfunctie bij een lokale politieke partij. Toegestaan als nevenfunctie, met "
        "afspraken om belangenverstrengeling te voorkomen.",
    ),
    (
        dt.date(2025, 2, 14),
        ReceivedVia.MANAGER,
        "social_media",
        "Handhavers worden na een controle op social media met naam en foto uitgescholden en bedreigd. Wat kan de "
        "organisatie doen?",
        "Berichten vastleggen, melden bij het platform, bij bedreiging aangifte doen met steun van de werkgever. "
        "Nazorg aanbieden en de vertrouwenspersoon noemen. Het team krijgt een sessie over online veiligheid.",
        "Een leidinggevende vroeg hoe medewerkers te steunen die online werden bedreigd. Geadviseerd over vastleggen, "
        "melden, aangifte met steun van de werkgever en nazorg.",
    ),
    (
        dt.date(2025, 5, 7),
        ReceivedVia.COORDINATOR,
        "conflicts_of_interest",
        "Een subsidieadviseur ziet dat een familielid een subsidieaanvraag heeft ingediend die op haar bureau komt.",
        "De aanvraag overdragen aan een collega en dit melden bij de leidinggevende; niet meepraten over de "
        "beoordeling.",
        "Een medewerker kreeg een aanvraag van een familielid te behandelen. Geadviseerd de behandeling over te "
        "dragen en het te melden.",
    ),
    (
        dt.date(2025, 10, 28),
        ReceivedVia.OTHER,
        "confidential_information",
        "Een journalist vraagt een beleidsmedewerker informeel naar een nog niet openbaar besluit over een windpark.",
        "Niets delen; verwijzen naar de woordvoerder. Vertrouwelijke stukken blijven vertrouwelijk tot het besluit "
        "openbaar is.",
        "Een medewerker werd door de pers gevraagd naar een nog niet openbaar besluit. Geadviseerd te verwijzen naar "
        "de woordvoerder.",
    ),
    (
        dt.date(2026, 3, 11),
        ReceivedVia.HR,
        "behaviour",
        "In een teamapp worden grappen gemaakt over het uiterlijk van een collega. De leidinggevende vraagt hoe te "
        "handelen.",
        "Het gesprek aangaan met het team over de omgangsnormen, de betrokken collega steun aanbieden en wijzen op "
        "de vertrouwenspersoon. Bij herhaling een formeel gesprek.",
        "Een leidinggevende vroeg advies over kwetsende grappen in een teamapp. Geadviseerd omgangsnormen te "
        "bespreken en de betrokkene te steunen.",
    ),
    (
        dt.date(2026, 6, 2),
        ReceivedVia.COORDINATOR,
        "gifts_invitations",
        "Een projectleider kreeg van een aannemer kaarten voor een voetbalwedstrijd aangeboden, waarde circa € 120.",
        "Afslaan: boven € 50 en van een partij waarmee een contract loopt.",
        "Een medewerker kreeg kaarten voor een evenement aangeboden door een contractpartij. Geadviseerd af te slaan.",
    ),
]


WRITTEN_IN = 2026  # the dates above move on by whole years, so the newest stays in the last year


def demo_date(date: dt.date, today: dt.date) -> dt.date:
    """``date`` of ``DEMO_ADVICE`` moved on by whole years: the newest falls in the past year."""
    newest = max(row[0] for row in DEMO_ADVICE)
    shift = today.year - WRITTEN_IN
    if newest.replace(year=newest.year + shift) > today:
        shift -= 1
    return date.replace(year=date.year + shift, day=min(date.day, 28) if date.month == 2 else date.day)


@transaction.atomic
def load_demo_advice(*, organisation: Organisation, coordinator: User) -> None:
    """Register the demo advice requests in the coordinator's name; does nothing if any exist."""
    if AdviceRequest.objects.filter(organisation=organisation).exists():
        return
    today = timezone.localdate()
    topics = entries_by_code(organisation=organisation, kind=ADVICE_TOPICS.code)
    for written, received_via, topic, question, advice, summary in DEMO_ADVICE:
        date = demo_date(written, today)
        if date > today:
            continue
        services.advice_register(
            organisation=organisation,
            by=coordinator,
            date=date,
            received_via=received_via,
            topic=topics[topic],
            question=question,
            advice=advice,
            anonymised_summary=summary,
        )
