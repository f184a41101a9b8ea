"""Invented training sessions 2021–2026 and two mandatory trainings for both demo
organisations, through the services (``load_demo_trainings``). Some people are behind, so
the overview and the managers' reminders have something to show. An organisation that has
sessions already is left as it is (loading again changes nothing)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from open_integriteit.accounts.models import User
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.people.models import Person, Unit

from . import services
from .kinds import KINDS
from .models import Scope, Session

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

D = dt.date
# (date, kind code, title, audience, head count or the personnel numbers of the participants)
PROVINCE = [
    (D(2021, 3, 16), "dilemmaspel", "Dilemmaspel op de afdelingsdag", "Ruimte en Omgeving", 64),
    (D(2021, 10, 5), "webinar", "Webinar nevenwerkzaamheden", "Alle medewerkers", 212),
    (D(2021, 11, 18), "campagne", "Week van de integriteit", "Alle medewerkers", 480),
    (D(2022, 2, 8), "e-learning", "E-learning integriteit", "Alle medewerkers", ("P0001", "P0002", "P0007", "P0008")),
    (D(2022, 6, 14), "dilemmaspel", "Dilemmaspel inkoop", "Inkoop en Bedrijfsvoering", 38),
    (D(2022, 11, 22), "workshop", "Workshop omgaan met geschenken", "Leidinggevenden", 27),
    (D(2023, 3, 7), "dilemmaspel", "Dilemmaspel vergunningverlening", "Vergunningen en toezicht", ("P0003", "P0004")),
    (D(2023, 5, 11), "moreel-beraad", "Training moreel oordeelsvermogen", "Leidinggevenden", 18),
    (D(2023, 11, 16), "campagne", "Week van de integriteit", "Alle medewerkers", 510),
    (D(2024, 4, 9), "teamsessie", "Teamsessie melden van vermoedens", "Bedrijfsvoering", 22),
    (D(2024, 9, 24), "webinar", "Webinar belangenverstrengeling", "Alle medewerkers", 187),
    (D(2024, 10, 3), "e-learning", "E-learning integriteit", "Nieuwe medewerkers", ("P0011",)),
    (D(2025, 2, 18), "dilemmaspel", "Dilemmaspel vergunningverlening", "Vergunningen en toezicht", ("P0003", "P0005")),
    (D(2025, 6, 5), "dilemmaspel", "Dilemmaspel Provinciale Staten", "Statenleden en griffie", 41),
    (D(2025, 11, 20), "campagne", "Week van de integriteit", "Alle medewerkers", 535),
    (D(2026, 3, 12), "moreel-beraad", "Training moreel oordeelsvermogen", "Inkoop", ("P0008", "P0009")),
    (D(2026, 9, 29), "e-learning", "E-learning integriteit", "Nieuwe medewerkers", ("P0006", "P0010")),
]
MUNICIPALITY = [
    (D(2021, 4, 20), "dilemmaspel", "Dilemmaspel in de kantine", "Alle medewerkers", 140),
    (D(2022, 1, 25), "e-learning", "E-learning integriteit", "Alle medewerkers", ("G0001", "G0002", "G0006")),
    (D(2022, 9, 13), "workshop", "Workshop integer handelen in het sociaal domein", "Sociaal Domein", 31),
    (D(2023, 4, 4), "dilemmaspel", "Dilemmaspel met de raad", "Gemeenteraad en griffie", 29),
    (D(2023, 10, 10), "webinar", "Webinar social media en integriteit", "Alle medewerkers", 96),
    (D(2024, 3, 19), "dilemmaspel", "Dilemmaspel Sociaal Domein", "Sociaal Domein", ("G0002", "G0003")),
    (D(2024, 11, 12), "campagne", "Integriteitsweek", "Alle medewerkers", 260),
    (D(2025, 5, 27), "teamsessie", "Teamsessie omgaan met druk van cliënten", "Sociaal Domein", 17),
    (D(2025, 10, 7), "e-learning", "E-learning integriteit", "Nieuwe medewerkers", ("G0004", "G0005")),
    (D(2026, 2, 10), "dilemmaspel", "Dilemmaspel in de kantine", "Alle medewerkers", 152),
    (D(2026, 6, 16), "dilemmaspel", "Dilemmaspel Sociaal Domein", "Sociaal Domein", ("G0003",)),
]
# (kind code, scope, unit code or "", months or None, mandatory from)
REQUIREMENTS = {
    "provincie-voorbeeld": [
        ("dilemmaspel", Scope.UNIT, "VTH", 24, D(2023, 1, 1)),
        ("e-learning", Scope.ALL, "", None, D(2022, 1, 1)),
    ],
    "gemeente-voorbeeldstad": [
        ("dilemmaspel", Scope.UNIT, "SD", 24, D(2024, 1, 1)),
        ("e-learning", Scope.ALL, "", None, D(2022, 1, 1)),
    ],
}
STORIES = {"provincie-voorbeeld": PROVINCE, "gemeente-voorbeeldstad": MUNICIPALITY}
CLERKS = {"provincie-voorbeeld": "registerbeheerder", "gemeente-voorbeeldstad": "registerbeheerder-voorbeeldstad"}


def load_demo_trainings(organisations: dict[str, Organisation]) -> None:
    for slug, sessions in STORIES.items():
        organisation = organisations[slug]
        if Session.objects.filter(organisation=organisation).exists():
            continue
        clerk = User.objects.get(username=CLERKS[slug])
        kinds = entries_by_code(organisation=organisation, kind=KINDS.code)
        people = {p.external_id: p for p in Person.objects.filter(organisation=organisation)}
        for day, kind, title, audience, who in sessions:
            services.session_save(
                organisation=organisation,
                by=clerk,
                kind=kinds[kind],
                date=day,
                title=title,
                audience=audience,
                head_count=who if isinstance(who, int) else None,
                participants=[people[pk] for pk in who if pk in people] if isinstance(who, tuple) else [],
            )
        for kind, scope, unit_code, months, since in REQUIREMENTS[slug]:
            services.requirement_save(
                organisation=organisation,
                by=clerk,
                kind=kinds[kind],
                scope=scope,
                unit=Unit.objects.get(organisation=organisation, code=unit_code) if unit_code else None,
                period_months=months,
                applies_from=since,
            )
