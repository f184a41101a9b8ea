"""A small register for the onboarding tests, made through the real HR import.

    1001 Ilse van den Heuvel  employee   DIR  since 01-01-2020
    1002 Bram Aksoy           employee   OMG  since 01-03-2021, manages OMG; account dave
    1003 Sanne de Wit         hired      VTH  since 01-01-2026 (not under the duty by default)
    1004 Youssef Bakker       trainee    VTH  since 14-03-2026: due 14-05-2026
    1005 Emma Jansen          employee   FIN  since 20-04-2026, manages FIN; account otto

rita is the register clerk; alice the coordinator; dave manages OMG (with VTH below it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from open_integriteit.accounts.models import Role, User
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import Person
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import ROWS, as_csv
from open_integriteit.testing.fixtures import make_user

IMPORTED_ON = dt.date(2026, 4, 20)
STARTS = {"1001": "01-01-2020", "1002": "01-03-2021", "1003": "01-01-2026", "1004": "14-03-2026", "1005": "20-04-2026"}


def hr_rows() -> list[list[str]]:
    rows = [list(row) for row in ROWS]
    for row in rows:
        if row[0] in STARTS:
            row[16] = STARTS[row[0]]
    rows[3][4] = "trainee"  # Youssef: a trainee, under the duty (an intern, stagiair, is not by default)
    rows[1][18] = "dave"
    rows[4][17] = "FIN"
    rows[4][18] = "otto"
    return rows


@pytest.fixture
def staff(org: Organisation, personas: dict[str, User]) -> dict[str, User]:
    people = dict(personas)
    people["rita"] = make_user(org, "rita", Role.REGISTER_CLERK)
    people["otto"] = make_user(org, "otto", Role.EMPLOYEE)
    return people


@pytest.fixture
def register(org: Organisation, staff: dict[str, User]) -> dict[str, Person]:
    result = people_import(
        organisation=org, by=staff["rita"], file_name="hr.csv", data=as_csv(hr_rows()), dry_run=False, today=IMPORTED_ON
    )
    assert not result.errors, result.errors
    return {p.external_id: p for p in Person.objects.filter(organisation=org)}


def ceremony_kwargs(**overrides: Any) -> dict[str, Any]:
    return {
        "held_on": dt.date(2026, 5, 20),
        "place": "Statenzaal",
        "form": "physical",
        "administered_by": "Invented Secretary",
        "group": "employee",
        **overrides,
    }
