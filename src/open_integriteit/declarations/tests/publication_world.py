"""Invented people, posts and declarations for the tests of the public registers, made
through the models and the real transition service (``declaration_transition``), so every
state is reached the way users reach it.

    clerk     register clerk; council clerk and secretary in the register settings, so she
              decides for the officials
    manager   manages the unit "Vergunningen", decides for its employees
    council   a council member (official), with an account
    alderman  an alderman (official), with an account
    duty      an employee in the post "Vergunningverlener" (publication duty), with an account
    plain     an employee in the post "Medewerker archief" (no publication duty), with an account
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from open_integriteit.accounts.models import Role, User
from open_integriteit.declarations.models import Declaration, InterestKind, Kind, RegisterSettings, ValueBand
from open_integriteit.declarations.services import declaration_transition
from open_integriteit.declarations.workflow import CLERK, DECIDER, DECLARANT, TRANSITIONS, State, Transition
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import ManagerOf, Office, Person, PersonKind, Post, PostHolding, Unit, make_sort_key
from open_integriteit.testing.fixtures import make_user

_numbers = itertools.count(1)


def path_to(target: str) -> list[Transition]:
    """The transitions of a shortest walk from a draft to ``target`` in the table."""
    previous: dict[str, Transition | None] = {State.DRAFT: None}
    queue = deque([str(State.DRAFT)])
    while queue:
        state = queue.popleft()
        for transition in TRANSITIONS:
            if transition.source == state and transition.target not in previous:
                previous[transition.target] = transition
                queue.append(transition.target)
    path: list[Transition] = []
    state = target
    while (step := previous[state]) is not None:
        path.append(step)
        state = step.source
    return list(reversed(path))


@dataclass
class PublicationWorld:
    org: Organisation
    users: dict[str, User]
    people: dict[str, Person]
    duty_post: Post
    plain_post: Post
    unit: Unit
    prefix: str = ""
    made: list[Declaration] = field(default_factory=list)

    def person(
        self,
        key: str,
        *,
        kind: str = PersonKind.EMPLOYEE,
        office: str = "",
        post: Post | None = None,
        surname: str | None = None,
        account: bool = False,
        party: str = "Partij Invented",
    ) -> Person:
        surname = surname or f"Persoon{next(_numbers)}"
        user = make_user(self.org, f"{self.prefix}{key}", Role.EMPLOYEE) if account else None
        person = Person.objects.create(
            organisation=self.org,
            external_id=f"x-{key}",
            kind=kind,
            given_name="Ina",
            surname=surname,
            sort_key=make_sort_key(surname),
            office=office,
            party=party if kind == PersonKind.OFFICIAL else "",
            user=user,
        )
        if post is not None:
            PostHolding.objects.create(person=person, post=post, started_on=dt.date(2024, 1, 1))
        self.people[key] = person
        if user is not None:
            self.users[key] = user
        return person

    def declaration(self, person: Person, kind: str, *, state: str = State.APPROVED, **fields: Any) -> Declaration:
        """A declaration of ``person`` in ``state``: drafted, then walked through the table."""
        holding = PostHolding.objects.filter(person=person, ended_on__isnull=True).first()
        values: dict[str, Any] = {"starts_on": dt.date(2025, 1, 1)}
        if kind == Kind.SIDE_JOB:
            values |= {"body": "Stichting Invented", "role": "Bestuurslid", "paid": False, "hours_per_month": 4}
        elif kind == Kind.FINANCIAL_INTEREST:
            values |= {
                "interest_kind": InterestKind.SHARES,
                "description": "Aandelen",
                "value_band": ValueBand.UP_TO_50K,
            }
        else:
            values |= {
                "giver": "Invented BV",
                "occasion": "Opening",
                "estimated_value": Decimal("75.00"),
                "received_on": dt.date(2025, 2, 1),
                "accepted": True,
            }
        values |= {"post": holding.post if holding else None} | fields
        declaration = Declaration.objects.create(organisation=self.org, person=person, kind=kind, **values)
        return self.walk(declaration, state)

    def walk(self, declaration: Declaration, state: str) -> Declaration:
        for transition in path_to(state):
            by = self.actor(declaration, transition)
            declaration_transition(
                declaration=declaration,
                name=transition.name,
                by=by,
                reason="Invented reason" if transition.needs_reason else "",
                restriction="Niet tijdens werktijd" if transition.needs_restriction else "",
                ends_on=timezone.localdate() if transition.needs_end_date else None,
            )
        declaration.refresh_from_db()
        self.made.append(declaration)
        return declaration

    def actor(self, declaration: Declaration, transition: Transition) -> User:
        person = declaration.person
        if DECLARANT in transition.actors and person.user is not None:
            return person.user
        if DECIDER in transition.actors:
            return self.users["clerk" if person.kind == PersonKind.OFFICIAL else "manager"]
        assert CLERK in transition.actors, transition
        return self.users["clerk"]


def build_publication_world(org: Organisation, prefix: str = "") -> PublicationWorld:
    """The people above in ``org``; ``prefix`` keeps the user names of a second world apart."""
    unit = Unit.objects.create(organisation=org, code="VTH", name="Vergunningen")
    duty_post = Post.objects.create(organisation=org, unit=unit, title="Vergunningverlener", publication_duty=True)
    plain_post = Post.objects.create(organisation=org, unit=unit, title="Medewerker archief", publication_duty=False)
    world = PublicationWorld(
        org=org, users={}, people={}, duty_post=duty_post, plain_post=plain_post, unit=unit, prefix=prefix
    )
    world.users["clerk"] = make_user(org, f"{prefix}clerk", Role.REGISTER_CLERK)
    clerk = world.person("clerk_person", surname="Griffier")
    clerk.user = world.users["clerk"]
    clerk.save()
    world.users["manager"] = make_user(org, f"{prefix}manager", Role.MANAGER)
    manager = world.person("manager_person", surname="Chef")
    manager.user = world.users["manager"]
    manager.save()
    ManagerOf.objects.create(person=manager, unit=unit)
    RegisterSettings.objects.update_or_create(
        organisation=org, defaults={"council_clerk": clerk, "executive_secretary": clerk}
    )
    world.person("council", kind=PersonKind.OFFICIAL, office=Office.COUNCIL_MEMBER, surname="Raadslid", account=True)
    world.person("alderman", kind=PersonKind.OFFICIAL, office=Office.EXECUTIVE, surname="Wethouder", account=True)
    world.person("duty", post=duty_post, surname="Verlener", account=True)
    world.person("plain", post=plain_post, surname="Archivaris", account=True)
    return world
