"""The contact-log cast, on top of the shared personas:

carol   confidential adviser who keeps the log of the internal adviser
vince   confidential adviser who keeps the log of an external service
una     confidential adviser without a log of her own: the "unassigned adviser"
outsider  an account of the organisation without any role
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from open_integriteit.accounts.models import Role, User
from open_integriteit.consultations import services
from open_integriteit.consultations.models import Adviser, AdviserKind, Contact
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.testing.fixtures import make_user

# A date no other entry has, so a page can be searched for it.
DISTINCTIVE_DATE = dt.date(2025, 3, 17)


@dataclass
class LogSetup:
    people: dict[str, User]
    internal: Adviser
    external: Adviser
    topics: dict[str, ListEntry]
    contact: Contact  # carol's contact on DISTINCTIVE_DATE


@pytest.fixture
def log_setup(org, personas) -> LogSetup:
    people = dict(personas)
    people["vince"] = make_user(org, "vince", Role.CONFIDENTIAL_ADVISER)
    people["una"] = make_user(org, "una", Role.CONFIDENTIAL_ADVISER)
    people["outsider"] = User.objects.create_user(username="outsider", password="x" * 20, organisation=org)
    alice = people["alice"]
    internal = services.adviser_create(
        organisation=org,
        by=alice,
        kind=AdviserKind.INTERNAL,
        display_name="Vertrouwenspersoon intern",
        user=people["carol"],
    )
    external = services.adviser_create(
        organisation=org,
        by=alice,
        kind=AdviserKind.EXTERNAL,
        display_name="Invented Bureau (extern)",
        user=people["vince"],
    )
    topics = entries_by_code(organisation=org, kind=TOPICS.code)
    contact = services.contact_log(
        adviser=internal,
        by=people["carol"],
        date=DISTINCTIVE_DATE,
        topic=topics["onveiligheid"],
        conversations=3,
        led_to_report=True,
        referral="coordinator",
    )
    return LogSetup(people=people, internal=internal, external=external, topics=topics, contact=contact)
