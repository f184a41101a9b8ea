"""Invented declarations for the demo organisations, made through the real services: the
declarants' drafts, submissions, withdrawals and ends, the deciders' decisions, the register
clerk's settings, gift destinations and update rounds. Nothing here is real: every person,
body, company and gift is made up.

What a visitor finds afterwards, in both organisations:

- register settings naming the council clerk and the secretary who decide for the officials;
- side jobs, financial interests and gifts (above and below the €50 threshold, with the
  destination of what was handed in) in every state of ``workflow.State``, and nil returns;
- a closed officials' round (March or September) with its figures, and an open round for
  everyone;
- filled public registers (``publication``).

The demo account "medewerker" has declarations (a draft among them) and an open round task;
"leidinggevende" has decisions waiting. The services stamp "now"; afterwards each step is
dated back to the day the story gives it, so the history reads in order and nothing is in
the future.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from open_integriteit.access import declarations as access
from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import Role, User
from open_integriteit.people.models import ManagerOf, Person
from open_integriteit.people.services import person_account_link

from . import decisions, rounds, services
from .models import Answer, Declaration, DeclarationEvent, GiftDestination, Kind, NilReturn, RoundKind, UpdateRound
from .publication_store import publication_changed
from .selectors import read_settings

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

SIDE_JOB, INTEREST, GIFT = Kind.SIDE_JOB, Kind.FINANCIAL_INTEREST, Kind.GIFT


@dataclass(frozen=True)
class Step:
    """One thing that happens to a declaration, ``days_ago`` days before today.

    ``action``: submit, approve, approve_restricted, refuse, withdraw, end (ended on that
    day) or hand_in (the register clerk records the destination; ``text`` is the note)."""

    action: str
    days_ago: int
    text: str = ""
    restriction: str = ""
    destination: str = ""


@dataclass(frozen=True)
class Item:
    """A declaration of the person with personnel number ``who``, drafted ``days_ago`` days
    before today, and what happened to it since."""

    who: str
    kind: str
    days_ago: int
    data: dict[str, Any]
    steps: tuple[Step, ...] = ()

    @property
    def answered_days_ago(self) -> int | None:
        """When it was submitted (counts for a round), or None for a draft."""
        return next((s.days_ago for s in self.steps if s.action == "submit"), None)


@dataclass(frozen=True)
class Nil:
    """A nil return: "nothing to declare" or "nothing changed"."""

    who: str
    kind: str
    answer: str
    days_ago: int


@dataclass(frozen=True)
class Story:
    clerk: str  # user name of the register clerk
    council_clerk: str  # personnel numbers
    secretary: str
    items: list[Item] = field(default_factory=list)
    nils: list[Nil] = field(default_factory=list)


def _side_job(
    body: str, role: str, hours: int, paid: bool, relation: str, starts: dt.date, *, qq: bool = False
) -> dict[str, Any]:
    return {
        "body": body,
        "role": role,
        "hours_per_month": hours,
        "paid": paid,
        "by_virtue_of_office": qq,
        "relation_to_work": relation,
        "starts_on": starts,
        "ends_on": None,
    }


def _interest(kind: str, description: str, band: str, starts: dt.date | None = None) -> dict[str, Any]:
    return {"interest_kind": kind, "description": description, "value_band": band, "starts_on": starts}


def _gift(
    giver: str, occasion: str, value: str, received: dt.date, *, accepted: bool = True, invitation: bool = False
) -> dict[str, Any]:
    return {
        "giver": giver,
        "occasion": occasion,
        "is_invitation": invitation,
        "estimated_value": Decimal(value),
        "received_on": received,
        "accepted": accepted,
    }


def closed_round_opens(today: dt.date) -> dt.date:
    """The opening day of the last officials' round (1 March or 1 September) that was over
    at least a month ago: the demo's closed round."""
    candidates = [dt.date(year, month, 1) for year in (today.year - 1, today.year) for month in (3, 9)]
    return max(day for day in candidates if (today - day).days >= 80)


def _province(today: dt.date, opened: int) -> Story:
    """``opened``: days ago the closed officials' round opened."""

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    r = opened  # a step ``r - n`` is n days after the closed round opened
    approve = "approve"
    return Story(
        clerk="registerbeheerder",
        council_clerk="P0012",
        secretary="P0001",
        items=[
            # Mila (the account "medewerker", Vergunningen en toezicht): Lars decides.
            Item(
                "P0004",
                SIDE_JOB,
                420,
                _side_job(
                    "Tennisvereniging De Kaatsbaan",
                    "Penningmeester (vrijwilliger)",
                    6,
                    False,
                    "Geen: de vereniging vraagt geen vergunningen aan bij de provincie.",
                    ago(430),
                ),
                (Step("submit", 420), Step(approve, 412, "Vrijwilligerswerk zonder raakvlak met het werk.")),
            ),
            Item(
                "P0004",
                SIDE_JOB,
                9,
                _side_job(
                    "Hogeschool Lagewaard",
                    "Gastdocent omgevingsrecht",
                    4,
                    True,
                    "Ik geef les over vergunningverlening in het algemeen, niet over dossiers van de provincie.",
                    ago(-20),
                ),
                (Step("submit", 8),),
            ),
            Item(
                "P0004",
                GIFT,
                5,
                _gift(
                    "Adviesbureau Stroomlijn",
                    "Boek na afloop van een kennissessie",
                    "35.00",
                    ago(6),
                ),
                (Step("submit", 5),),
            ),
            Item(
                "P0004",
                GIFT,
                150,
                _gift(
                    "Bouwbedrijf Van Eemland",
                    "Kerstpakket",
                    "60.00",
                    ago(152),
                    accepted=False,
                ),
                (Step("submit", 150), Step("withdraw", 149)),
            ),
            Item(
                "P0004",
                SIDE_JOB,
                1,
                {
                    "body": "Volksuniversiteit Lagewaard",
                    "role": "Cursusleider",
                    "hours_per_month": None,
                    "paid": True,
                    "by_virtue_of_office": False,
                    "relation_to_work": "",
                    "starts_on": None,
                    "ends_on": None,
                },
            ),
            # Ruben (hired, Vergunningen en toezicht): one refused long ago, one waiting for Lars.
            Item(
                "P0005",
                SIDE_JOB,
                60,
                _side_job(
                    "Ingenieursbureau Dijkzicht",
                    "Adviseur vergunningaanvragen",
                    16,
                    True,
                    "Het bureau dient aanvragen in die mijn team behandelt.",
                    ago(50),
                ),
                (
                    Step("submit", 60),
                    Step(
                        "refuse",
                        55,
                        "Het bureau vraagt vergunningen aan bij uw eigen team: dat is een belangenverstrengeling.",
                    ),
                ),
            ),
            Item(
                "P0005",
                SIDE_JOB,
                3,
                _side_job(
                    "Zwemvereniging De Plons",
                    "Trainer jeugdzwemmen",
                    8,
                    False,
                    "Geen.",
                    ago(200),
                ),
                (Step("submit", 3),),
            ),
            # Lars (the account "leidinggevende"): Govert decides.
            Item(
                "P0003",
                SIDE_JOB,
                300,
                _side_job(
                    "Dorpsraad Oosterhem",
                    "Voorzitter",
                    5,
                    False,
                    "De dorpsraad geeft soms advies over plannen; bij zaken uit Oosterhem ben ik niet betrokken.",
                    ago(700),
                ),
                (
                    Step("submit", 300),
                    Step(
                        "approve_restricted",
                        295,
                        "Mag, met een afspraak over Oosterhem.",
                        restriction="Geen bemoeienis met vergunningen en toezicht in Oosterhem.",
                    ),
                ),
            ),
            # Koen (senior buyer, designated post with publication duty): Ayla decides.
            Item(
                "P0008",
                SIDE_JOB,
                500,
                _side_job(
                    "Stichting Aanbesteden Noord",
                    "Lid van de raad van advies",
                    4,
                    True,
                    "Kennisdeling over aanbesteden; de stichting is geen leverancier van de provincie.",
                    ago(520),
                ),
                (
                    Step("submit", 500),
                    Step(
                        "approve_restricted",
                        490,
                        "Mag onder voorwaarde.",
                        restriction="Niet betrokken bij aanbestedingen waarin de stichting adviseert.",
                    ),
                ),
            ),
            Item(
                "P0008",
                SIDE_JOB,
                900,
                _side_job(
                    "Sportclub Lagewaard",
                    "Bestuurslid",
                    3,
                    False,
                    "Geen.",
                    ago(1200),
                ),
                (Step("submit", 900), Step(approve, 890, "Geen raakvlak met het werk."), Step("end", 120)),
            ),
            Item(
                "P0008",
                INTEREST,
                480,
                _interest(
                    "real_estate",
                    "Verhuurde bedrijfsruimte in Lagewaard",
                    "gt250k",
                    ago(2000),
                ),
                (Step("submit", 480), Step(approve, 470, "Geen leverancier van de provincie.")),
            ),
            Item(
                "P0008",
                GIFT,
                40,
                _gift(
                    "Kantoorinrichter Vaart & Zn.",
                    "Fles wijn en chocolade na de gunning",
                    "120.00",
                    ago(42),
                ),
                (
                    Step("submit", 40),
                    Step(approve, 38, "Aangenomen, ingeleverd bij de registerbeheerder."),
                    Step("hand_in", 37, "Verloot op de nieuwjaarsbijeenkomst.", destination=GiftDestination.RAFFLED),
                ),
            ),
            # Govert and Ayla (designated posts): Henriëtte decides.
            Item(
                "P0002",
                INTEREST,
                200,
                _interest("shares", "Aandelen in een beursgenoteerd bouwconcern", "lt50k"),
                (Step("submit", 200), Step(approve, 196, "Belegging op afstand; geen invloed op het werk.")),
            ),
            Item(
                "P0007",
                INTEREST,
                100,
                _interest("loan", "Lening aan een familiebedrijf in de horeca", "lt10k"),
                (Step("submit", 100), Step(approve, 97, "Geen raakvlak met bedrijfsvoering.")),
            ),
            # The officials: the secretary (Henriëtte) decides for the executive and the King's
            # commissioner, the council clerk (Willemijn) for the members of the States.
            Item(
                "B0001",
                SIDE_JOB,
                r - 3,
                _side_job(
                    "Veiligheidsberaad Lagewaard",
                    "Voorzitter",
                    8,
                    False,
                    "Vloeit voort uit het ambt.",
                    ago(1500),
                    qq=True,
                ),
                (Step("submit", r - 3), Step(approve, r - 6, "Nevenfunctie uit hoofde van het ambt.")),
            ),
            Item(
                "B0001",
                SIDE_JOB,
                r - 3,
                _side_job(
                    "Stichting Oude Molens",
                    "Lid raad van toezicht",
                    2,
                    False,
                    "Geen.",
                    ago(900),
                ),
                (Step("submit", r - 3), Step(approve, r - 6, "Onbezoldigd; geen raakvlak met de portefeuille.")),
            ),
            Item(
                "B0001",
                GIFT,
                75,
                _gift(
                    "Handelsdelegatie uit een partnerregio",
                    "Staatsiebezoek",
                    "250.00",
                    ago(78),
                ),
                (
                    Step("submit", 75),
                    Step(approve, 72, "Ingeleverd zoals de gedragscode vraagt."),
                    Step(
                        "hand_in",
                        71,
                        "Opgenomen in de kunstcollectie van het provinciehuis.",
                        destination=GiftDestination.KEPT,
                    ),
                ),
            ),
            Item(
                "B0002",
                SIDE_JOB,
                r - 5,
                _side_job(
                    "Stichting Rivierduinen",
                    "Bestuurslid",
                    3,
                    False,
                    "Natuurbeheer; de stichting krijgt geen subsidie uit mijn portefeuille.",
                    ago(600),
                ),
                (Step("submit", r - 5), Step(approve, r - 9, "Geen raakvlak met de portefeuille.")),
            ),
            Item(
                "B0002",
                INTEREST,
                r - 5,
                _interest(
                    "real_estate",
                    "Verhuurde woning in Oosterhem",
                    "lt250k",
                    ago(3000),
                ),
                (Step("submit", r - 5), Step(approve, r - 9, "Gemeld zoals de wet vraagt.")),
            ),
            Item(
                "B0002",
                GIFT,
                30,
                _gift(
                    "Orkest Lagewaard",
                    "Uitnodiging voor het nieuwjaarsconcert",
                    "85.00",
                    ago(31),
                    invitation=True,
                ),
                (Step("submit", 30), Step(approve, 26, "Representatief; aangenomen namens de provincie.")),
            ),
            Item(
                "B0003",
                SIDE_JOB,
                r - 10,
                _side_job(
                    "Coöperatie Windkracht Oost",
                    "Lid van de ledenraad",
                    2,
                    False,
                    "De coöperatie ontwikkelt windparken waarover de provincie beslist.",
                    ago(1000),
                ),
                (
                    Step("submit", r - 10),
                    Step(
                        "approve_restricted",
                        r - 14,
                        "Mag, met een beperking.",
                        restriction="Neemt geen deel aan besluiten over windparken van de coöperatie.",
                    ),
                ),
            ),
            Item(
                "B0003",
                GIFT,
                20,
                _gift("Streekproducent Het Gulle Land", "Werkbezoek", "25.00", ago(21)),
                (Step("submit", 20), Step(approve, 18, "Onder de drempel.")),
            ),
            Item(
                "B0003",
                GIFT,
                45,
                _gift(
                    "Projectontwikkelaar Hoge Gaarde",
                    "Reis naar een vastgoedbeurs",
                    "1400.00",
                    ago(47),
                    accepted=False,
                ),
                (Step("submit", 45), Step(approve, 43, "Terecht geweigerd.")),
            ),
            Item(
                "B0004",
                SIDE_JOB,
                600,
                _side_job(
                    "Scholengemeenschap Lagewaard",
                    "Docent aardrijkskunde",
                    80,
                    True,
                    "Hoofdfunctie.",
                    ago(4000),
                ),
                (Step("submit", 600), Step(approve, 590, "Hoofdfunctie van het Statenlid.")),
            ),
            Item(
                "B0004",
                SIDE_JOB,
                60,
                _side_job(
                    "Woningcorporatie Thuis in Lagewaard",
                    "Lid huurdersraad",
                    2,
                    False,
                    "Geen.",
                    ago(61),
                ),
                (Step("submit", 60), Step("withdraw", 58)),
            ),
            Item(
                "B0005",
                SIDE_JOB,
                800,
                _side_job(
                    "Fietsersbond afdeling Lagewaard",
                    "Secretaris",
                    4,
                    False,
                    "Geen.",
                    ago(1000),
                ),
                (Step("submit", 800), Step(approve, 790, "Geen belet."), Step("end", 200)),
            ),
            Item(
                "B0005",
                SIDE_JOB,
                2,
                _side_job(
                    "Adviesbureau Groene Kaart",
                    "Zelfstandig adviseur ruimtelijke ordening",
                    40,
                    True,
                    "Hoofdfunctie.",
                    ago(30),
                ),
                (Step("submit", 2),),
            ),
            Item(
                "B0005",
                GIFT,
                6,
                _gift("Luchtfotobureau Hoogland", "Ingelijste luchtfoto na een werkbezoek", "95.00", ago(7)),
                (Step("submit", 6),),
            ),
        ],
        nils=[
            Nil("B0001", INTEREST, Answer.NOTHING_TO_DECLARE, r - 3),
            Nil("B0004", SIDE_JOB, Answer.NOTHING_CHANGED, r - 7),
            Nil("B0004", INTEREST, Answer.NOTHING_TO_DECLARE, r - 7),
            Nil("P0002", SIDE_JOB, Answer.NOTHING_TO_DECLARE, 0),
            Nil("P0002", INTEREST, Answer.NOTHING_CHANGED, 0),
            Nil("P0006", SIDE_JOB, Answer.NOTHING_TO_DECLARE, 0),
        ],
    )


def _municipality(today: dt.date, opened: int) -> Story:
    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    r = opened
    approve = "approve"
    return Story(
        clerk="registerbeheerder-voorbeeldstad",
        council_clerk="G0006",
        secretary="G0001",
        items=[
            # Lotte (Sociaal Domein): Bas decides.
            Item(
                "G0003",
                SIDE_JOB,
                4,
                _side_job(
                    "Buurthuis De Klimop",
                    "Coördinator vrijwilligers",
                    10,
                    True,
                    "Het buurthuis krijgt subsidie van de gemeente, maar niet via mijn team.",
                    ago(-10),
                ),
                (Step("submit", 4),),
            ),
            Item(
                "G0003",
                GIFT,
                90,
                _gift("Zorgaanbieder Samen Thuis", "Bos bloemen na een keukentafelgesprek", "20.00", ago(91)),
                (Step("submit", 90), Step(approve, 88, "Onder de drempel.")),
            ),
            # Sem (buyer of care, designated post with publication duty): Bas decides.
            Item(
                "G0004",
                SIDE_JOB,
                250,
                _side_job(
                    "Stichting Zorginkoop Regio West",
                    "Lid van de klankbordgroep",
                    2,
                    False,
                    "Kennisdeling; de stichting koopt zelf niet in voor de gemeente.",
                    ago(260),
                ),
                (
                    Step("submit", 250),
                    Step(
                        "approve_restricted",
                        245,
                        "Mag onder voorwaarde.",
                        restriction="Niet betrokken bij aanbestedingen waarin de stichting meedoet.",
                    ),
                ),
            ),
            Item(
                "G0004",
                INTEREST,
                240,
                _interest("business", "Aandeel in een kinderopvangbedrijf van familie", "lt50k"),
                (Step("submit", 240), Step(approve, 236, "Geen raakvlak met de inkoop van zorg.")),
            ),
            Item(
                "G0004",
                GIFT,
                70,
                _gift(
                    "Thuiszorgorganisatie Dichtbij",
                    "Lunch bij de contractbespreking",
                    "45.00",
                    ago(71),
                    invitation=True,
                ),
                (Step("submit", 70), Step("refuse", 66, "Tijdens een lopende aanbesteding neemt u geen lunch aan.")),
            ),
            # Bas (team leader): Wilma decides.
            Item(
                "G0002",
                GIFT,
                120,
                _gift("Welzijnsorganisatie Stadskracht", "Kerstpakket", "55.00", ago(122)),
                (Step("submit", 120), Step("withdraw", 119)),
            ),
            Item(
                "G0002",
                SIDE_JOB,
                400,
                _side_job(
                    "Voetbalvereniging Stadspark",
                    "Jeugdtrainer",
                    8,
                    False,
                    "Geen.",
                    ago(900),
                ),
                (Step("submit", 400), Step(approve, 396, "Geen raakvlak met het werk.")),
            ),
            # The officials: the secretary (Wilma) for the mayor and the alderman, the council
            # clerk (Pieter-Jan) for the council members.
            Item(
                "W0001",
                SIDE_JOB,
                r - 2,
                _side_job(
                    "Veiligheidsregio Lagewaard",
                    "Voorzitter",
                    10,
                    False,
                    "Vloeit voort uit het ambt.",
                    ago(2000),
                    qq=True,
                ),
                (Step("submit", r - 2), Step(approve, r - 5, "Nevenfunctie uit hoofde van het ambt.")),
            ),
            Item(
                "W0001",
                INTEREST,
                r - 2,
                _interest("shares", "Aandelen in een beleggingsfonds", "lt50k"),
                (Step("submit", r - 2), Step(approve, r - 5, "Gemeld zoals de wet vraagt.")),
            ),
            Item(
                "W0001",
                GIFT,
                50,
                _gift("Ondernemersvereniging Binnenstad", "Opening van de nieuwe markthal", "75.00", ago(52)),
                (
                    Step("submit", 50),
                    Step(approve, 47, "Ingeleverd zoals de gedragscode vraagt."),
                    Step(
                        "hand_in", 45, "Geschonken aan de voedselbank van de stad.", destination=GiftDestination.CHARITY
                    ),
                ),
            ),
            Item(
                "W0002",
                SIDE_JOB,
                r - 8,
                _side_job(
                    "Stichting Stadsschouwburg",
                    "Lid raad van toezicht",
                    3,
                    True,
                    "De schouwburg krijgt subsidie; ik neem geen deel aan besluiten daarover.",
                    ago(800),
                ),
                (
                    Step("submit", r - 8),
                    Step(
                        "approve_restricted",
                        r - 12,
                        "Mag, met een beperking.",
                        restriction="Geen deelname aan besluiten over de subsidie van de schouwburg.",
                    ),
                ),
            ),
            Item(
                "W0002",
                GIFT,
                15,
                _gift("Bakkerij De Korenbloem", "Taart bij de opening van een winkel", "40.00", ago(15)),
                (Step("submit", 15), Step(approve, 13, "Onder de drempel; gedeeld met het team.")),
            ),
            Item(
                "W0002",
                INTEREST,
                1,
                {
                    "interest_kind": "real_estate",
                    "description": "Vakantiewoning aan de kust",
                    "value_band": "",
                    "starts_on": None,
                },
            ),
            Item(
                "W0003",
                SIDE_JOB,
                700,
                _side_job(
                    "Huisartsenpraktijk Molenwijk",
                    "Praktijkmanager",
                    120,
                    True,
                    "Hoofdfunctie.",
                    ago(3000),
                ),
                (Step("submit", 700), Step(approve, 695, "Hoofdfunctie van het raadslid.")),
            ),
            Item(
                "W0004",
                SIDE_JOB,
                3,
                _side_job(
                    "Makelaardij Brakenhoff",
                    "Eigenaar",
                    100,
                    True,
                    "Hoofdfunctie.",
                    ago(5000),
                ),
                (Step("submit", 3),),
            ),
            Item(
                "W0004",
                SIDE_JOB,
                500,
                _side_job(
                    "Ondernemersvereniging Binnenstad",
                    "Bestuurslid",
                    4,
                    False,
                    "Geen.",
                    ago(1500),
                ),
                (Step("submit", 500), Step(approve, 495, "Geen belet."), Step("end", 160)),
            ),
            Item(
                "W0004",
                GIFT,
                8,
                _gift("Woonwinkel Het Licht", "Designlamp na de opening van de winkel", "130.00", ago(9)),
                (Step("submit", 8), Step("approve", 5, "Aangenomen; lever de lamp in bij de registerbeheerder.")),
            ),
        ],
        nils=[
            Nil("W0003", INTEREST, Answer.NOTHING_TO_DECLARE, r - 4),
            Nil("W0003", SIDE_JOB, Answer.NOTHING_CHANGED, r - 4),
            Nil("G0001", SIDE_JOB, Answer.NOTHING_TO_DECLARE, 0),
            Nil("G0001", INTEREST, Answer.NOTHING_TO_DECLARE, 0),
        ],
    )


STORIES = {"provincie-voorbeeld": _province, "gemeente-voorbeeldstad": _municipality}


# --- Running a story through the services ---------------------------------------------------


def _account(person: Person) -> User:
    """The person's account, as their first log-in through the organisation's identity
    provider would make it: an employee, without a password, linked to the person."""
    if person.user is not None:
        return person.user
    email = person.email.strip()
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    user = account_services.user_create(
        organisation=person.organisation,
        username=f"{person.organisation.slug}-{person.external_id.lower()}",
        first_name=person.given_name,
        last_name=person.surname,
        email=email,
        roles=[Role.EMPLOYEE],
    )
    person_account_link(person=person, user=user)
    return user


def _moment(days_ago: int, now: dt.datetime) -> dt.datetime:
    """A working hour on that day (never later than now)."""
    day = timezone.localtime(now).date() - dt.timedelta(days=days_ago)
    hour = 9 + (days_ago * 7) % 8
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, (days_ago * 13) % 60)))
    return min(moment, now)


def _date_last_event(declaration: Declaration, when: dt.datetime) -> None:
    event = DeclarationEvent.objects.filter(declaration=declaration).order_by("-pk").first()
    if event is not None:
        DeclarationEvent.objects.filter(pk=event.pk).update(at=when)
        changes: dict[str, Any] = {"updated_at": when}
        if event.transition == "submit":
            changes["submitted_at"] = when
        if declaration.decided_at and event.transition in decisions.DECISIONS:
            changes["decided_at"] = when
        Declaration.objects.filter(pk=declaration.pk).update(**changes)


def _run(item: Item, people: dict[str, Person], clerk: User, now: dt.datetime) -> None:
    person = people[item.who]
    declarant = _account(person)
    declaration = services.declaration_save_draft(by=declarant, kind=item.kind, data=item.data)
    created = _moment(item.days_ago, now)
    Declaration.objects.filter(pk=declaration.pk).update(created_at=created, updated_at=created)
    for step in item.steps:
        when = _moment(step.days_ago, now)
        day = timezone.localtime(when).date()
        if step.action == "submit":
            services.declaration_submit(by=declarant, declaration=declaration)
        elif step.action in decisions.DECISIONS:
            decider = access.deciders_of(person).first()
            if decider is None:
                raise ValueError(f"no decider for {item.who}")
            decisions.declaration_decide(
                declaration=declaration,
                by=decider,
                decision=step.action,
                reason=step.text,
                restriction=step.restriction,
            )
        elif step.action in ("withdraw", "end"):
            services.declarant_transition(
                by=declarant, declaration=declaration, name=step.action, ends_on=day if step.action == "end" else None
            )
        elif step.action == "hand_in":
            decisions.gift_record_destination(
                declaration=declaration,
                by=clerk,
                handed_in_on=day,
                destination=step.destination,
                note=step.text,
            )
            Declaration.objects.filter(pk=declaration.pk).update(destination_recorded_at=when, updated_at=when)
            continue
        else:
            raise ValueError(step.action)
        declaration.refresh_from_db()
        _date_last_event(declaration, when)


def _nil(nil: Nil, people: dict[str, Person], now: dt.datetime) -> None:
    nil_return = services.nil_return_record(by=_account(people[nil.who]), kind=nil.kind, answer=nil.answer)
    NilReturn.objects.filter(pk=nil_return.pk).update(answered_at=_moment(nil.days_ago, now))


def _load(organisation: Organisation, story: Story, opened: dt.date, now: dt.datetime) -> None:
    today = timezone.localtime(now).date()
    people = {p.external_id: p for p in Person.objects.filter(organisation=organisation).select_related("user")}
    clerk = User.objects.get(username=story.clerk, organisation=organisation)
    settings = read_settings(organisation.pk)
    decisions.register_settings_update(
        organisation_id=organisation.pk,
        by=clerk,
        gift_threshold=settings.gift_threshold,
        decision_reminder_days=settings.decision_reminder_days,
        decision_escalation_days=settings.decision_escalation_days,
        publication_history_months=settings.publication_history_months,
        council_clerk=people[story.council_clerk],
        executive_secretary=people[story.secretary],
    )
    # The deciders have logged in once through the organisation's identity provider.
    managers = ManagerOf.objects.filter(person__organisation=organisation).values_list("person_id", flat=True)
    for person in people.values():
        if person.external_id in (story.council_clerk, story.secretary) or person.pk in set(managers):
            _account(person)
    defaults = rounds.round_defaults(organisation.pk)

    # The closed officials' round: started today, dated back to its opening day before the
    # answers it counts, closed with its figures once those are in, then dated to its end.
    closed = rounds.round_start(
        organisation_id=organisation.pk,
        by=clerk,
        kind=RoundKind.OFFICIALS,
        asks=rounds.default_asks(RoundKind.OFFICIALS),
        opens_on=today,
        due_on=today + dt.timedelta(days=defaults.answer_days),
    )
    due = opened + dt.timedelta(days=defaults.answer_days)
    UpdateRound.objects.filter(pk=closed.pk).update(
        opens_on=opened, due_on=due, started_at=_moment((today - opened).days + 7, now)
    )
    closing = (today - due).days - 2  # days ago
    early = [i for i in story.items if (i.answered_days_ago or -1) > closing]
    for item in early:
        _run(item, people, clerk, now)
    for nil in story.nils:
        if nil.days_ago > closing:
            _nil(nil, people, now)
    closed.refresh_from_db()
    rounds.round_close(update_round=closed, by=clerk)
    UpdateRound.objects.filter(pk=closed.pk).update(closed_at=_moment(closing, now))

    for item in story.items:
        if item not in early:
            _run(item, people, clerk, now)

    # The open round for everyone: what was declared before today does not count, the nil
    # returns of today do.
    rounds.round_start(
        organisation_id=organisation.pk,
        by=clerk,
        kind=RoundKind.EVERYONE,
        asks=rounds.default_asks(RoundKind.EVERYONE),
        opens_on=today,
        due_on=today + dt.timedelta(days=defaults.answer_days),
    )
    for nil in story.nils:
        if nil.days_ago <= closing:
            _nil(nil, people, now)


@transaction.atomic
def load_demo_declarations(organisations: dict[str, Organisation]) -> None:
    """Fill the declaration registers of both demo organisations; an organisation that has
    declarations or rounds already is left as it is (loading again changes nothing)."""
    now = timezone.now()
    opened = closed_round_opens(timezone.localtime(now).date())
    for slug, make in STORIES.items():
        organisation = organisations[slug]
        if (
            Declaration.objects.filter(organisation=organisation).exists()
            or UpdateRound.objects.filter(organisation=organisation).exists()
        ):
            continue
        days = (timezone.localtime(now).date() - opened).days
        _load(organisation, make(timezone.localtime(now).date(), days), opened, now)
        # The stories' dates are set afterwards in bulk (no signal): the registers change.
        publication_changed(organisation.pk)
