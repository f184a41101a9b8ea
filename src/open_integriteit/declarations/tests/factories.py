"""Persona fixtures for the declarations, made through the real services: a small register
that the tests of every part of the declarations (the declarant's pages, the decisions,
the public registers, the update rounds) can use.

The organisation "Provincie Testland" (the shared ``org`` and ``personas`` fixtures) with:

    units   DIR (Directie) > OMG (Omgeving) > VTH (Vergunningen); DIR > FIN (Financiën)
    dave    manager persona; person 2002, manages OMG (and so VTH): decides for mila
    mila    employee persona; person 2003, Vergunningverlener in VTH (not designated)
    otto    employee; person 2004, manages FIN: "a manager of another unit" for mila
    fenna   employee; person 2005, Inkoper in FIN: a designated post with publication duty
    sven    employee; person 2006, the provincial secretary (decides for the executive)
    piet    employee account of person 9001, an official (gedeputeerde, Partij A)
    rita    register clerk (imports the register, sees all declarations, records gifts)
    alice   coordinator (sees all declarations); erin administrator and grace of another
            organisation see none

``declare(world, "mila", Kind.SIDE_JOB, state=State.APPROVED)`` makes a declaration the way
the person and their decider would, walked through the transition table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from open_integriteit.access import declarations as access
from open_integriteit.accounts.models import Role, User
from open_integriteit.declarations import services
from open_integriteit.declarations.models import Declaration, Kind, RegisterSettings
from open_integriteit.declarations.workflow import State
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import Person
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import as_csv
from open_integriteit.testing.fixtures import make_user

ROWS = [
    ["2001", "Dirk", "Directeur", "", "medewerker", "", "", "", "",
     "DIR", "Directie", "", "Directeur", "16", "ja", "ja", "01-01-2020", "DIR", ""],
    ["2002", "Dave", "Daalder", "", "medewerker", "", "", "", "",
     "OMG", "Omgeving", "DIR", "Afdelingshoofd Omgeving", "14", "nee", "nee", "01-03-2021", "OMG", "dave"],
    ["2003", "Mila", "Mulder", "", "medewerker", "", "", "", "",
     "VTH", "Vergunningen", "OMG", "Vergunningverlener", "10", "nee", "nee", "01-01-2022", "", "mila"],
    ["2004", "Otto", "van Oever", "", "medewerker", "", "", "", "",
     "FIN", "Financiën", "DIR", "Hoofd Financiën", "13", "nee", "nee", "01-01-2022", "FIN", "otto"],
    ["2005", "Fenna", "Faber", "", "medewerker", "", "", "", "",
     "FIN", "Financiën", "DIR", "Inkoper", "11", "ja", "ja", "01-06-2023", "", "fenna"],
    ["2006", "Sven", "Secretaris", "", "medewerker", "", "", "", "",
     "DIR", "Directie", "", "Provinciesecretaris", "16", "ja", "nee", "01-01-2019", "", "sven"],
    ["9001", "Pieter", "Zwart", "", "ambtsdrager", "gedeputeerde", "01-04-2023", "31-03-2027", "Partij A",
     "", "", "", "", "", "", "", "", "", "piet"],
]  # fmt: skip

SIDE_JOB = {
    "body": "Invented Sports Club",
    "role": "Treasurer",
    "hours_per_month": 6,
    "paid": False,
    "relation_to_work": "None",
    "starts_on": dt.date(2023, 9, 1),
}
FINANCIAL_INTEREST = {
    "interest_kind": "shares",
    "description": "Invented shares in a construction company",
    "value_band": "lt50k",
    "starts_on": dt.date(2020, 5, 1),
}
GIFT = {
    "giver": "Invented Supplier Ltd",
    "occasion": "End of the year",
    "is_invitation": False,
    "estimated_value": Decimal("75.00"),
    "received_on": dt.date(2024, 1, 10),
    "accepted": True,
}
DATA: dict[str, dict[str, Any]] = {
    Kind.SIDE_JOB: SIDE_JOB,
    Kind.FINANCIAL_INTEREST: FINANCIAL_INTEREST,
    Kind.GIFT: GIFT,
}


def hr_file(rows: list[list[str]] = ROWS) -> bytes:
    """The register above as the HR export the register clerk imports."""
    return as_csv(rows)


@dataclass
class DeclarationWorld:
    org: Organisation
    users: dict[str, User]

    def person(self, name: str) -> Person:
        return Person.objects.get(user=self.users[name])


def declare(
    world: DeclarationWorld, name: str, kind: str = Kind.SIDE_JOB, state: str = State.SUBMITTED, **data: Any
) -> Declaration:
    """A declaration by ``name`` in ``state``, made through the services: saved as a draft,
    submitted, and decided by the person's own decider (or withdrawn or ended by them)."""
    user = world.users[name]
    declaration = services.declaration_save_draft(by=user, kind=kind, data={**DATA[kind], **data})
    if state == State.DRAFT:
        return declaration
    services.declaration_submit(by=user, declaration=declaration)
    if state == State.WITHDRAWN:
        return services.declarant_transition(by=user, declaration=declaration, name="withdraw")
    if state == State.SUBMITTED:
        return declaration
    decider = access.deciders_of(declaration.person).get()
    name_of = {State.APPROVED: "approve", State.ENDED: "approve", State.REFUSED: "refuse"}
    transition = name_of.get(state, "approve_restricted")
    services.declaration_transition(
        declaration=declaration,
        name=transition,
        by=decider,
        reason="Invented reason",
        restriction="Invented restriction: not for suppliers of the province" if state == State.RESTRICTED else "",
    )
    if state == State.ENDED:
        services.declarant_transition(by=user, declaration=declaration, name="end", ends_on=timezone.localdate())
    return declaration


def build_declaration_world(org: Organisation, personas: dict[str, User]) -> DeclarationWorld:
    users = dict(personas)
    users["rita"] = make_user(org, "rita", Role.REGISTER_CLERK)
    for name in ("otto", "fenna", "sven", "piet"):
        users[name] = make_user(org, name, Role.EMPLOYEE)
    result = people_import(organisation=org, by=users["rita"], file_name="hr.csv", data=hr_file(), dry_run=False)
    assert result.errors == [], result.errors
    settings, _created = RegisterSettings.objects.get_or_create(organisation=org)
    settings.executive_secretary = Person.objects.get(organisation=org, external_id="2006")
    settings.save()
    return DeclarationWorld(org=org, users=users)


@pytest.fixture
def declaration_world(org: Organisation, personas: dict[str, User]) -> DeclarationWorld:
    return build_declaration_world(org, personas)
