"""Invented survey indicators and earlier years' entered totals for the demo organisations,
through the real services (as the coordinator). Nothing here is real.

- Three indicators from the staff surveys "MTO 2022" and "MTO 2024": the share of staff who
  experienced unwanted behaviour, the share who know the confidential adviser, and the
  social-safety score; each 2024 value shows beside 2022's.
- Entered totals for 2019 and 2020 (before the system) of the oaths, adviser contacts and
  reports, where those figures can be entered (their apps declare them) and the year has no
  records.

Idempotent: an indicator that exists is left as it is; a total is entered only once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from open_integriteit.access.roles import coordinators_of
from open_integriteit.figures import registry
from open_integriteit.figures import services as figure_services
from open_integriteit.figures.models import EnteredTotal

from . import services
from .models import Indicator, IndicatorUnit

if TYPE_CHECKING:
    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation

# name, unit, question, {slug: (MTO 2022, MTO 2024)}
INDICATORS = (
    (
        "Aandeel medewerkers dat ongewenst gedrag heeft ervaren",
        IndicatorUnit.PERCENT,
        "Heeft u het afgelopen jaar op het werk ongewenst gedrag ervaren?",
        {"provincie-voorbeeld": ("14", "11"), "gemeente-voorbeeldstad": ("17", "18")},
    ),
    (
        "Aandeel medewerkers dat de vertrouwenspersoon kent",
        IndicatorUnit.PERCENT,
        "Weet u wie de vertrouwenspersoon integriteit is en hoe u die bereikt?",
        {"provincie-voorbeeld": ("62", "71"), "gemeente-voorbeeldstad": ("55", "68")},
    ),
    (
        "Score sociale veiligheid",
        IndicatorUnit.SCORE,
        "Hoe veilig voelt u zich om een vermoeden van een misstand of ongewenst gedrag te bespreken? (1–10)",
        {"provincie-voorbeeld": ("7.1", "7.4"), "gemeente-voorbeeldstad": ("6.8", "6.8")},
    ),
)

# key: {slug: {year: total}}; breakdowns spread over the figure's first rows.
ENTERED = {
    "onboarding.oaths": {"provincie-voorbeeld": {2019: 48, 2020: 39}, "gemeente-voorbeeldstad": {2019: 31, 2020: 26}},
    "consultations.contacts": {
        "provincie-voorbeeld": {2019: 23, 2020: 27},
        "gemeente-voorbeeldstad": {2019: 15, 2020: 19},
    },
    "reports.reports": {"provincie-voorbeeld": {2019: 4, 2020: 6}, "gemeente-voorbeeldstad": {2019: 3, 2020: 2}},
}


def _spread(total: int, keys: list[str]) -> dict[str, int]:
    """An invented breakdown: most in the first row, the rest over the next two."""
    keys = keys[:3]
    if not keys:
        return {}
    shares = [total - 2 * (total // 4), total // 4, total // 4][: len(keys)]
    shares[0] += total - sum(shares)
    return {key: share for key, share in zip(keys, shares, strict=True) if share}


def _indicators(organisation: Organisation, coordinator: User) -> None:
    for name, unit, question, values in INDICATORS:
        if Indicator.objects.filter(organisation=organisation, name=name).exists():
            continue
        indicator = services.indicator_create(
            organisation=organisation, by=coordinator, name=name, unit=unit, question=question
        )
        for year, value in zip((2022, 2024), values[organisation.slug], strict=True):
            services.measurement_record(
                indicator=indicator, by=coordinator, year=year, value=Decimal(value), source=f"MTO {year}"
            )


def _entered_totals(organisation: Organisation, coordinator: User) -> None:
    enterable = registry.enterable_specs()
    for key, per_organisation in ENTERED.items():
        spec = enterable.get(key)
        if spec is None:
            continue  # the app that counts it does not declare it (yet)
        rows = [row_key for row_key, _label in spec.rows(organisation)] if spec.rows is not None else []
        for year, total in per_organisation[organisation.slug].items():
            if EnteredTotal.objects.filter(organisation=organisation, key=key, year=year).exists():
                continue
            try:
                figure_services.entered_total_set(
                    organisation=organisation,
                    key=key,
                    year=year,
                    total=total,
                    breakdown=_spread(total, rows),
                    source=f"Jaarverslag integriteit {year}",
                    by=coordinator,
                )
            except ValidationError:
                continue  # the demo has records in that year: those count


def load_demo_indicators(organisations: dict[str, Organisation]) -> None:
    for organisation in organisations.values():
        coordinator = coordinators_of(organisation.pk).order_by("pk").first()
        if coordinator is None:
            continue
        _indicators(organisation, coordinator)
        _entered_totals(organisation, coordinator)
