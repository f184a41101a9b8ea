"""A small world for the decision tests, made through the real services: the invented HR
register of ``people/tests/files.py`` with accounts linked to people.

    dave   1002, manages OMG (VTH below it): decides for Sanne
    ilse   1001, a manager of DIR (above OMG): may decide for Sanne too
    mila   1003 Sanne de Wit (VTH): the declarant
    rita   register clerk, 1005 Emma Jansen (FIN)
    alice  coordinator (no person); grace coordinator of another organisation
    9001 Pieter Zwart: an official (deputy), no account
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from open_integriteit.accounts.models import Role, User
from open_integriteit.declarations.models import Declaration, Kind
from open_integriteit.declarations.services import declaration_transition
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import Person
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import ROWS, as_csv
from open_integriteit.testing.fixtures import make_user

SIDE_JOB = {
    "body": "Invented Sports Club",
    "role": "Treasurer",
    "hours_per_month": 4,
    "paid": False,
    "relation_to_work": "None at all",
}


@dataclass
class DecideWorld:
    org: Organisation
    people: dict[str, User]  # accounts
    persons: dict[str, Person]  # by personnel number

    def draft(self, external_id: str = "1003", kind: str = Kind.SIDE_JOB, **fields: Any) -> Declaration:
        person = self.persons[external_id]
        holding = person.holdings.filter(ended_on__isnull=True).select_related("post").first()
        values = dict(SIDE_JOB) if kind == Kind.SIDE_JOB else {}
        values.update(fields)
        declaration = Declaration(
            organisation=self.org, person=person, kind=kind, post=holding.post if holding else None, **values
        )
        declaration.full_clean()
        declaration.save()
        return declaration

    def submitted(self, external_id: str = "1003", kind: str = Kind.SIDE_JOB, **fields: Any) -> Declaration:
        """Drafted and submitted by the declarant's own account."""
        declaration = self.draft(external_id, kind, **fields)
        by = self.persons[external_id].user
        assert by is not None, "this person has no account: use decision_world.submitted"
        return declaration_transition(declaration=declaration, name="submit", by=by)


def build(org: Organisation, personas: dict[str, User]) -> DecideWorld:
    people = dict(personas)
    people["rita"] = make_user(org, "rita", Role.REGISTER_CLERK)
    people["ilse"] = make_user(org, "ilse", Role.MANAGER)
    rows = [list(row) for row in ROWS]
    accounts = {"1001": "ilse", "1002": "dave", "1003": "mila", "1005": "rita"}
    for row in rows:
        row[18] = accounts.get(row[0], "")
    people_import(organisation=org, by=people["rita"], file_name="hr.csv", data=as_csv(rows), dry_run=False)
    persons = {p.external_id: p for p in Person.objects.filter(organisation=org).select_related("user")}
    return DecideWorld(org=org, people=people, persons=persons)
