"""Invented demo data: complaints and integrity incidents, 2021–2026, for both demo
organisations; one complaint of the province became one of its demo cases. Nothing here is
real; the same seed gives the same data. Loading again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from open_integriteit.access.complaints import linkable_cases
from open_integriteit.access.roles import coordinators_of

from . import services
from .models import Complaint, ComplaintKind, ComplaintOutcome, Incident, IncidentAction, IncidentKind

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

SEED = 20260410
COMPLAINTS_PER_YEAR = {2021: 3, 2022: 4, 2023: 3, 2024: 5, 2025: 4, 2026: 2}
INCIDENTS_PER_YEAR = {2021: 2, 2022: 3, 2023: 2, 2024: 4, 2025: 3, 2026: 2}
DESCRIPTIONS = {
    "sexual_harassment": "Medewerker meldt herhaalde ongepaste opmerkingen van een collega.",
    "aggression": "Medewerker is tijdens een overleg bedreigd door een collega.",
    "discrimination": "Medewerker voelt zich bij de beoordeling achtergesteld vanwege afkomst.",
    "bullying": "Medewerker wordt structureel buitengesloten door het team.",
    "other_unwanted": "Medewerker klaagt over de toon van een leidinggevende in e-mails.",
    "integrity": "Klacht over het ongelijk behandelen van aanvragers bij een subsidie.",
}
ACTION_TEXTS = (
    "Gesprek gevoerd en afspraken vastgelegd.",
    "Werkinstructie aangepast en team geïnformeerd.",
    "Aangifte gedaan en toegangsrechten ingetrokken.",
)
COMMITTEES = ("Landelijke Klachtencommissie Ongewenst Gedrag (LKOG)", "Regionale klachtencommissie")
INCIDENT_TEXTS = {
    IncidentKind.LOSS_OR_THEFT: "Laptop uit dienstauto gestolen.",
    IncidentKind.DATA_BREACH: "Dossier met persoonsgegevens naar verkeerde ontvanger gemaild.",
    IncidentKind.MISUSE: "Tankpas gebruikt voor privéritten.",
    IncidentKind.OTHER: "Bedrijfsmiddelen zonder toestemming uitgeleend.",
}


def _day(rng: random.Random, year: int, today: dt.date) -> dt.date:
    last = min(dt.date(year, 12, 31), today - dt.timedelta(days=30))
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, max((last - dt.date(year, 1, 1)).days, 0)))


def load_demo_complaints(organisations: dict[str, Organisation]) -> None:
    today = timezone.localdate()
    for offset, organisation in enumerate(organisations.values()):
        if (
            Complaint.objects.filter(organisation=organisation).exists()
            or Incident.objects.filter(organisation=organisation).exists()
        ):
            continue
        by = coordinators_of(organisation.pk).first()
        if by is None:
            continue
        rng = random.Random(SEED + offset)
        case = linkable_cases(by).order_by("pk").first()
        for year, count in COMPLAINTS_PER_YEAR.items():
            if year > today.year:
                continue
            for i in range(count):
                received = _day(rng, year, today)
                external = rng.random() < 0.3
                outcome = rng.choice(ComplaintOutcome.values)
                if year < today.year - 1 and outcome == ComplaintOutcome.PENDING:
                    outcome = ComplaintOutcome.SETTLED
                decided = None
                if outcome != ComplaintOutcome.PENDING:
                    decided = min(received + dt.timedelta(days=rng.randint(20, 120)), today)
                kind = rng.choice(ComplaintKind.values)
                services.complaint_record(
                    organisation=organisation,
                    by=by,
                    received_on=received,
                    kind=kind,
                    external=external,
                    committee=rng.choice(COMMITTEES) if external else "",
                    description=DESCRIPTIONS[kind],
                    outcome=outcome,
                    decided_on=decided,
                    case=case if case is not None and year == today.year - 1 and i == 0 else None,
                )
        for year, count in INCIDENTS_PER_YEAR.items():
            if year > today.year:
                continue
            for _ in range(count):
                kind = IncidentKind(rng.choice(IncidentKind.values))
                services.incident_record(
                    organisation=organisation,
                    by=by,
                    date=_day(rng, year, today),
                    kind=kind,
                    description=INCIDENT_TEXTS[kind],
                    action=rng.choice(IncidentAction.values),
                    action_text=rng.choice(ACTION_TEXTS),
                )
