"""Invented demo data: deviations from the procurement rules and Bibob checks, 2021–2026,
for both demo organisations. Bibob 2021–2022 as entered yearly totals, later years check by
check. Nothing here is real; the same seed gives the same data. Loading again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from open_integriteit.access.roles import coordinators_of
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.lists.selectors import entries_by_code

from . import services
from .models import BibobCheck, BibobField, BibobKind, BibobOutcome, Deviation, Procedure
from .reasons import REASONS
from .statistics import KIND_KEYS

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

SEED = 20260409
SUBJECTS = (
    "Inhuur interim-projectleider",
    "Spoedreparatie gemaal",
    "Verlenging licentie zaaksysteem",
    "Catering bij evenement",
    "Onderzoek bodemkwaliteit",
    "Vervanging straatverlichting",
    "Advies herinrichting kantoor",
    "Communicatiecampagne",
)
DECIDERS = ("Afdelingshoofd Inkoop", "Directeur Bedrijfsvoering", "Gedeputeerde Staten", "Teammanager Beheer")
DEVIATIONS_PER_YEAR = {2021: 4, 2022: 5, 2023: 6, 2024: 4, 2025: 5, 2026: 3}
BIBOB_TOTALS = {
    2021: {BibobKind.RISK_ANALYSIS: {"permits": 12, "exploitation": 5}, BibobKind.INVESTIGATION: {"permits": 2}},
    2022: {
        BibobKind.RISK_ANALYSIS: {"permits": 14, "exploitation": 6, "real_estate": 2},
        BibobKind.INVESTIGATION: {"permits": 3, "real_estate": 1},
    },
}
CHECKS_PER_YEAR = {2023: 16, 2024: 19, 2025: 21, 2026: 12}


def _day(rng: random.Random, year: int, today: dt.date) -> dt.date:
    last = min(dt.date(year, 12, 31), today)
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, (last - dt.date(year, 1, 1)).days))


def load_demo_procurement(organisations: dict[str, Organisation]) -> None:
    today = timezone.localdate()
    for offset, organisation in enumerate(organisations.values()):
        if (
            Deviation.objects.filter(organisation=organisation).exists()
            or BibobCheck.objects.filter(organisation=organisation).exists()
        ):
            continue
        by = coordinators_of(organisation.pk).first()
        if by is None:
            continue
        rng = random.Random(SEED + offset)
        reasons = list(entries_by_code(organisation=organisation, kind=REASONS.code).values())
        for year, count in DEVIATIONS_PER_YEAR.items():
            if year > today.year:
                continue
            for _ in range(count - offset):
                services.deviation_record(
                    organisation=organisation,
                    by=by,
                    date=_day(rng, year, today),
                    subject=rng.choice(SUBJECTS),
                    amount=Decimal(rng.randrange(5_000, 250_000, 250)),
                    procedure=rng.choice(Procedure.values),
                    reason=rng.choice(reasons),
                    explanation="",
                    decided_by=rng.choice(DECIDERS),
                )
        for year, totals in BIBOB_TOTALS.items():
            if EnteredTotal.objects.filter(organisation=organisation, year=year, key__in=KIND_KEYS.values()).exists():
                continue
            services.bibob_totals_save(
                organisation=organisation,
                by=by,
                year=year,
                totals={kind: {f: n + offset for f, n in per_field.items()} for kind, per_field in totals.items()},
                source=f"Jaarverslag integriteit {year}",
            )
        for year, count in CHECKS_PER_YEAR.items():
            if year > today.year:
                continue
            for _ in range(count):
                kind = BibobKind.INVESTIGATION if rng.random() < 0.2 else BibobKind.RISK_ANALYSIS
                services.bibob_record(
                    organisation=organisation,
                    by=by,
                    date=_day(rng, year, today),
                    kind=kind,
                    field=rng.choice([BibobField.PERMITS] * 3 + [BibobField.EXPLOITATION] * 2 + list(BibobField)),
                    outcome=rng.choice(
                        [BibobOutcome.NO_RISK] * 6
                        + [BibobOutcome.LESSER, BibobOutcome.SERIOUS, BibobOutcome.REFUSED]
                        + ([BibobOutcome.ONGOING] if year == today.year else [])
                    ),
                )
