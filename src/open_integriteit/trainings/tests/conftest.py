"""The trainings' world: the invented register of ``people/tests/files.py`` (DIR above OMG above
VTH, and FIN; dave manages OMG, otto FIN), alice the coordinator, rita the register clerk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from open_integriteit.accounts.models import Role, User
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import Person, Unit
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import world_hr_file
from open_integriteit.testing.fixtures import make_user
from open_integriteit.trainings.kinds import KINDS


@dataclass
class TrainingWorld:
    org: Organisation
    users: dict[str, User]

    def kind(self, code: str) -> ListEntry:
        return entries(organisation=self.org, kind=KINDS.code).get(code=code)

    def person(self, external_id: str) -> Person:
        return Person.objects.get(organisation=self.org, external_id=external_id)

    def unit(self, code: str) -> Unit:
        return Unit.objects.get(organisation=self.org, code=code)


@pytest.fixture
def tw(org: Organisation, other_org: Organisation) -> TrainingWorld:
    users: dict[str, Any] = {
        "alice": make_user(org, "alice", Role.COORDINATOR),
        "rita": make_user(org, "rita", Role.REGISTER_CLERK),
        "dave": make_user(org, "dave", Role.MANAGER),
        "otto": make_user(org, "otto", Role.EMPLOYEE),
        "mila": make_user(org, "mila", Role.EMPLOYEE),
        "erin": make_user(org, "erin", Role.ADMINISTRATOR),
        "frank": make_user(org, "frank", Role.AUDITOR),
        "grace": make_user(other_org, "grace", Role.COORDINATOR),
    }
    people_import(
        organisation=org, by=users["rita"], file_name="hr.csv", data=world_hr_file(), dry_run=False,
        today=dt.date(2020, 1, 1),
    )  # fmt: skip
    return TrainingWorld(org=org, users=users)
