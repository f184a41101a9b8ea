"""Declarations waiting for a decision in the need-to-know world (``access/tests/world.py``),
made the way a submitted declaration is stored: the declarations of people without an
account (their submission through ``declaration_transition`` needs their account).

    1004 Youssef Bakker (VTH, below OMG: dave decides)  a side job and a gift of €120, submitted
    1005 Emma Jansen (FIN: nobody with an account decides)  a financial interest, submitted
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from open_integriteit.declarations.models import Declaration, DeclarationEvent, InterestKind, Kind, ValueBand
from open_integriteit.declarations.workflow import State
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import Person, PostHolding

SUBMITTED_AT = dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC)


def submitted(person: Person, kind: str, *, at: dt.datetime = SUBMITTED_AT, **fields: Any) -> Declaration:
    """A declaration of ``person`` as it is after its submission (with its event)."""
    holding = PostHolding.objects.filter(person=person, ended_on__isnull=True).first()
    declaration = Declaration(
        organisation_id=person.organisation_id,
        person=person,
        kind=kind,
        state=State.SUBMITTED,
        post=holding.post if holding else None,
        submitted_at=at,
        **fields,
    )
    declaration.full_clean()
    declaration.save()
    DeclarationEvent.objects.create(
        declaration=declaration,
        transition="submit",
        from_state=State.DRAFT,
        to_state=State.SUBMITTED,
        by=person.user,
        at=at,
    )
    return declaration


def add_declarations_to_decide(org: Organisation) -> None:
    youssef = Person.objects.get(organisation=org, external_id="1004")
    emma = Person.objects.get(organisation=org, external_id="1005")
    submitted(
        youssef,
        Kind.SIDE_JOB,
        body="Invented Sports Club",
        role="Treasurer",
        hours_per_month=4,
        paid=False,
        starts_on=dt.date(2025, 1, 1),
    )
    submitted(
        youssef,
        Kind.GIFT,
        giver="Invented Supplier",
        occasion="New year",
        estimated_value=Decimal("120.00"),
        received_on=dt.date(2025, 1, 10),
        accepted=True,
    )
    submitted(
        emma,
        Kind.FINANCIAL_INTEREST,
        interest_kind=InterestKind.SHARES,
        description="Invented shares",
        value_band=ValueBand.UP_TO_10K,
    )
