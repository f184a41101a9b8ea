"""Two years of an invented province, entered the way its coordinator would enter them.

The figures are those of the published Zuid-Holland integrity reports 2022 and 2023
(``/work/shared/reference``): reports 2 and 4, adviser contacts 58 and 39 per topic, oaths
per group, the dilemma game, Bibob, and the council's table of cases. Everything goes
through the apps' services, with time travelled to the day it happened: reports from the
public form, cases walked along the transition table with a final council summary, the
adviser's contact log, the HR import and oath ceremonies with their participants, training
sessions with head counts, Bibob checks one by one. 2021, a year before the system, is only
known as totals from the 2022 report and is entered as such (``figures.services``).

The people are invented (``Fictief`` with a made-up surname); the case texts follow the
published table, which names no one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import time_machine

from open_integriteit.accounts.models import Role, User
from open_integriteit.cases import services as case_services
from open_integriteit.cases.models import Case
from open_integriteit.cases.workflow import State
from open_integriteit.consultations import services as consultation_services
from open_integriteit.consultations.models import AdviserKind
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.figures.services import entered_total_set
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.onboarding import services as onboarding_services
from open_integriteit.onboarding.models import Group, Pledge
from open_integriteit.organisations.models import Organisation, OrganisationKind
from open_integriteit.organisations.services import organisation_create
from open_integriteit.people.hr_file import COLUMN_NAMES
from open_integriteit.people.models import Person
from open_integriteit.people.services import people_import
from open_integriteit.procurement import services as procurement_services
from open_integriteit.procurement.models import BibobKind
from open_integriteit.reports import services as report_services
from open_integriteit.testing.fixtures import make_user, shortest_path, walk_case
from open_integriteit.trainings import services as training_services
from open_integriteit.trainings.kinds import KINDS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NAME = "Provincie Zuid-Holland (fixture)"

REPORTS = {2021: 4, 2022: 2, 2023: 4}  # 2021 from the 2022 report: an entered total
# Adviser contacts per topic (table 2 of each report; 2021 from the text of the 2022 report).
CONTACTS = {
    2022: {
        "ongewenste-omgangsvormen": 28,
        "zakelijke-integriteit": 3,
        "arbeidsconflict": 12,
        "onveiligheid": 7,
        "advies-algemeen": 8,
    },
    2023: {
        "ongewenste-omgangsvormen": 27,
        "zakelijke-integriteit": 1,
        "arbeidsconflict": 2,
        "onveiligheid": 0,
        "advies-algemeen": 9,
    },
}
CONTACTS_2021 = (17, {"ongewenste-omgangsvormen": 7, "arbeidsconflict": 2, "onveiligheid": 4})
OATHS = {
    2022: {Group.EMPLOYEE: 182, Group.TRAINEE: 10, Group.REGISTRY: 4},
    2023: {Group.EMPLOYEE: 236, Group.TRAINEE: 20},
}
DILEMMA_GAME = {2022: 398, 2023: 281}
# "Het Webinar werd goed bezocht": the report gives no number; an invented head count, so
# the training total is not the dilemma game alone.
WEBINAR_2022 = 120
BIBOB = {
    2022: {BibobKind.RISK_ANALYSIS: 150, BibobKind.INVESTIGATION: 20},
    2023: {BibobKind.INVESTIGATION: 49},
}
BIBOB_FIELDS = ("procurement", "subsidies", "real_estate", "permits")


@dataclass(frozen=True)
class CaseRow:
    """One row of table 1, with what the case went through to get there."""

    received: dt.datetime
    closed: dt.datetime
    ground: str
    title: str
    principal: str
    description: str
    object: str
    findings: str
    consequence: str
    bureau: str = ""  # empty: "n.v.t." in the table
    finding: str = "unfounded"
    measures: tuple[str, ...] = ()
    external: str = ""  # investigated by this external bureau


def _at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=AMSTERDAM)


CASES = {
    2022: (
        CaseRow(
            received=_at(2022, 3, 14),
            closed=_at(2022, 9, 20),
            ground="unwanted_behaviour",
            title="Vermeende discriminatie bij niet verlengen arbeidscontract",
            principal="Directeur",
            description=(
                "Integriteitsschending. Er is op basis van verboden onderscheid (discriminatie) geen verlenging "
                "van het arbeidscontract gegeven. Tevens is sprake van slecht werkgeverschap."
            ),
            object="Slecht werkgeverschap. Verboden onderscheid bij niet verlenging arbeidsovereenkomst.",
            findings=(
                "Onderzoek op basis van hoor en wederhoor. Geconcludeerd is dat niet is gebleken dat sprake is "
                "geweest van discriminatie/slecht werkgeverschap. Klacht is ongegrond verklaard."
            ),
            consequence="Op basis van de bevindingen zijn er geen gevolgen geweest.",
        ),
        CaseRow(
            received=_at(2022, 5, 9),
            closed=_at(2022, 11, 28),
            ground="complaint",
            title="Klacht bij de LKOG",
            principal="Concerndirecteur",
            description="Klacht ingediend",
            object="Onderzoek naar de klacht door LKOG volgens de procedure",
            findings="Klacht is ongegrond verklaard door LKOG",
            consequence="Op basis van uitkomst onderzoek geen gevolgen",
            bureau="LKOG",
            external="LKOG",
        ),
    ),
    2023: (
        CaseRow(
            received=_at(2023, 2, 6),
            closed=_at(2023, 3, 30),
            ground="unwanted_behaviour",
            title="Eerste anonieme melding over een leidinggevende",
            principal="Directeur",
            description="Anonieme melding over grensoverschrijdend (seksueel) gedrag.",
            object="Gedrag leidinggevende",
            findings=("Horen. Geen bevestiging van ongewenst gedrag, wel geschrokken van de anonieme beschuldiging."),
            consequence="Gaat beter letten op eigen gedrag. Verder geen gevolgen.",
            measures=("agreements",),
        ),
        CaseRow(
            received=_at(2023, 8, 21),
            closed=_at(2023, 11, 2),
            ground="unwanted_behaviour",
            title="Tweede anonieme melding over dezelfde leidinggevende",
            principal="Directeur",
            description="Anonieme melding over grensoverschrijdend (seksueel) gedrag",
            object="Gedrag leidinggevende",
            findings=(
                "Horen. Geen bevestiging van ongewenst gedrag, weer geschrokken van tweede anonieme beschuldiging."
            ),
            consequence=(
                "In overleg is een cultuurtraject ingezet bij het team en een persoonlijk coachingstraject "
                "voor de leidinggevende"
            ),
            bureau="Flow (intern) en de Baak",
            measures=("team_programme", "coaching"),
            external="de Baak",
        ),
        CaseRow(
            received=_at(2023, 4, 17),
            closed=_at(2023, 11, 23),
            ground="unwanted_behaviour",
            title="Ongewenste omgangsvormen binnen een team",
            principal="Directeur",
            description="Melding van ongewenste omgangsvormen",
            object="Ongewenst gedrag",
            findings="Aanleiding om te werken aan een gezonde omgeving.",
            consequence=(
                "Naar aanleiding van het uitgevoerde cultuuronderzoek werd ingezet op een teamontwikkeltraject, "
                "met de nadruk op gezonde en prettige werkomgeving en gedrag"
            ),
            bureau="Bezemer en Schubad",
            finding="partly_founded",
            measures=("team_programme",),
            external="Bezemer en Schubad",
        ),
        CaseRow(
            received=_at(2023, 10, 10),
            closed=_at(2023, 12, 7),
            ground="unwanted_behaviour",
            title="Uitlating op sociale media",
            principal="Leidinggevende",
            description="Uitlating op sociale media",
            object="Ongewenst gedrag",
            findings="Medewerker had een ongewenste uitlating gedaan op sociale media.",
            consequence="Er is gesproken met de medewerker en er zijn afspraken gemaakt.",
            finding="founded",
            measures=("agreements",),
        ),
    ),
}


@dataclass
class ZuidHolland:
    organisation: Organisation
    users: dict[str, User]  # coordinator, principal, investigator, adviser, clerk

    @property
    def coordinator(self) -> User:
        return self.users["coordinator"]


def _spread(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` near-equal whole numbers that add up to it."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _days(year: int, count: int) -> Iterator[dt.date]:
    """``count`` working days spread over the year (the 3rd to the 26th of each month)."""
    for i in range(count):
        yield dt.date(year, 1 + i % 12, 3 + (i * 7) % 24)


# --- People and the oath ---------------------------------------------------------------------

HR_KIND = {Group.EMPLOYEE: "medewerker", Group.TRAINEE: "trainee", Group.REGISTRY: "medewerker"}
HR_UNIT = {
    Group.EMPLOYEE: ("BV", "Bedrijfsvoering"),
    Group.TRAINEE: ("BV", "Bedrijfsvoering"),
    Group.REGISTRY: ("GRIF", "Statengriffie"),
}
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _surname(n: int) -> str:
    """An invented surname per person: Zuidlandaa, Zuidlandab, …"""
    return "Zuidland" + LETTERS[n // 26 % 26] + LETTERS[n % 26]


def _newcomers() -> dict[tuple[int, str], list[str]]:
    """The personnel numbers of the people who took the oath, per (year, group)."""
    numbers: dict[tuple[int, str], list[str]] = {}
    n = 0
    for year, groups in OATHS.items():
        for group, count in groups.items():
            numbers[(year, group)] = [f"ZH{n + i:04d}" for i in range(count)]
            n += count
    return numbers


def _hr_file(newcomers: dict[tuple[int, str], list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, delimiter=";")
    writer.writeheader()
    n = 0
    for (year, group), numbers in newcomers.items():
        code, unit = HR_UNIT[group]
        for number in numbers:
            writer.writerow(
                {
                    "personeelsnummer": number,
                    "voornaam": "Fictief",
                    "achternaam": _surname(n),
                    "soort": HR_KIND[group],
                    "eenheid_code": code,
                    "eenheid_naam": unit,
                    "functie": "Trainee" if group == Group.TRAINEE else "Medewerker",
                    "in_functie_sinds": f"01-01-{year}",
                }
            )
            n += 1
    return out.getvalue().encode()


def _oaths(zh: ZuidHolland) -> None:
    organisation, clerk = zh.organisation, zh.users["clerk"]
    newcomers = _newcomers()
    result = people_import(
        organisation=organisation,
        by=clerk,
        file_name="hr-export.csv",
        data=_hr_file(newcomers),
        dry_run=False,
        today=dt.date(2022, 1, 1),
    )
    assert not result.errors, result.errors
    people = {p.external_id: p for p in Person.objects.filter(organisation=organisation)}
    for (year, group), numbers in newcomers.items():
        # Monthly ceremonies for staff (not in July); trainees and registry staff in one each.
        months = [m for m in range(1, 13) if m != 7] if group == Group.EMPLOYEE else [9]
        start = 0
        for month, size in zip(months, _spread(len(numbers), len(months)), strict=True):
            ceremony = onboarding_services.ceremony_record(
                organisation=organisation,
                by=clerk,
                held_on=dt.date(year, month, 15),
                place="Provinciehuis",
                form="physical",
                administered_by="Provinciesecretaris",
                group=group,
            )
            onboarding_services.participants_add(
                ceremony=ceremony, by=clerk, people=[people[n] for n in numbers[start : start + size]]
            )
            start += size
            onboarding_services.pledges_record(
                ceremony=ceremony,
                by=clerk,
                pledges={
                    p.pk: Pledge.AFFIRMATION if i % 3 == 0 else Pledge.OATH
                    for i, p in enumerate(ceremony.participants.order_by("pk"))
                },
            )


# --- The dilemma game ------------------------------------------------------------------------


def _trainings(zh: ZuidHolland) -> None:
    kinds = entries_by_code(organisation=zh.organisation, kind=KINDS.code)
    for year, players in DILEMMA_GAME.items():
        # Played in the programme of each monthly oath ceremony and on request in teams.
        for i, head_count in enumerate(_spread(players, 14)):
            month = 1 + i % 12
            training_services.session_save(
                organisation=zh.organisation,
                by=zh.coordinator,
                kind=kinds["dilemmaspel"],
                date=dt.date(year, month, 15 if i < 12 else 25),
                title="Dilemmaspel ambtseed" if i < 12 else "Dilemmaspel in een team",
                head_count=head_count,
            )
    training_services.session_save(
        organisation=zh.organisation,
        by=zh.coordinator,
        kind=kinds["webinar"],
        date=dt.date(2022, 2, 2),
        title="Webinar sociale integriteit",
        head_count=WEBINAR_2022,
    )


# --- The confidential advisers ---------------------------------------------------------------


def _contacts(zh: ZuidHolland) -> None:
    organisation = zh.organisation
    adviser = consultation_services.adviser_create(
        organisation=organisation,
        by=zh.coordinator,
        kind=AdviserKind.INTERNAL,
        display_name="Vertrouwenspersonen",
        user=zh.users["adviser"],
    )
    topics = entries_by_code(organisation=organisation, kind=TOPICS.code)
    for year, per_topic in CONTACTS.items():
        codes = [code for code, count in per_topic.items() for _ in range(count)]
        for code, day in zip(codes, _days(year, len(codes)), strict=True):
            consultation_services.contact_log(
                adviser=adviser,
                by=zh.users["adviser"],
                date=day,
                topic=topics[code],
                conversations=2,  # a question mostly takes more than one conversation
                led_to_report=False,
            )


# --- Bibob -----------------------------------------------------------------------------------


def _bibob(zh: ZuidHolland) -> None:
    for year, per_kind in BIBOB.items():
        for kind, count in per_kind.items():
            for i, day in enumerate(_days(year, count)):
                procurement_services.bibob_record(
                    organisation=zh.organisation,
                    by=zh.users["clerk"],
                    date=day,
                    kind=kind,
                    field=BIBOB_FIELDS[i % len(BIBOB_FIELDS)],
                    outcome="no_risk" if i % 5 else "lesser",
                )


# --- Reports and cases -----------------------------------------------------------------------

REPORT_DATA = {
    "reporter_type": "employee",
    "anonymity": "anonymous",
    "when_where": "Op het werk",
    "involved": "",
    "how_known": "Zelf meegemaakt of gezien",
    "reported_elsewhere": "no",
    "reported_elsewhere_detail": "",
}


def _case(zh: ZuidHolland, row: CaseRow) -> Case:
    """A report from the form, its case investigated and closed with the council summary."""
    team = {"alice": zh.coordinator, "pat": zh.users["principal"], "bob": zh.users["investigator"]}
    pat, bob = team["pat"], team["bob"]
    with time_machine.travel(row.received, tick=False):
        report, _code = report_services.report_submit(
            organisation=zh.organisation,
            data={**REPORT_DATA, "ground": row.ground, "what_happened": row.description},
        )
        case = case_services.case_create(
            organisation=zh.organisation, by=zh.coordinator, title=row.title, ground=row.ground, reports=[report]
        )
        for user in (bob, pat):
            case_services.case_assign(case=case, by=zh.coordinator, user=user)
        case = walk_case(case, team, *(t.name for t in shortest_path(State.PRELIMINARY_INVESTIGATION)))
        if row.external:
            case_services.external_update(case=case, by=pat, investigated_by="external", external_bureau=row.external)
    with time_machine.travel(row.closed, tick=False):
        walk_case(case, team, "conclude_preliminary")
        allegation = case_services.allegation_add(case=case, by=pat, description=row.object)
        case_services.finding_record(allegation=allegation, by=bob, outcome=row.finding)
        walk_case(case, team, "decide_measures")
        for kind in row.measures:
            case_services.measure_add(case=case, by=pat, kind=kind, decided_on=row.closed.date())
        walk_case(case, team, "measures_taken")
        case_services.summary_update(
            case=case,
            by=pat,
            summary_year=row.closed.year,
            summary_principal=row.principal,
            summary_description=row.description,
            summary_object=row.object,
            summary_findings=row.findings,
            summary_consequence=row.consequence,
            summary_bureau=row.bureau,
        )
        case_services.summary_finalise(case=case, by=pat)
        return walk_case(case, team, "close")


def _earlier_totals(zh: ZuidHolland) -> None:
    """2021, before the system: the totals the 2022 report compares with."""
    entered_total_set(
        organisation=zh.organisation,
        key="reports.reports",
        year=2021,
        total=REPORTS[2021],
        source="Jaarrapportage integriteit 2022",
        by=zh.coordinator,
    )
    total, per_topic = CONTACTS_2021
    entered_total_set(
        organisation=zh.organisation,
        key="consultations.contacts",
        year=2021,
        total=total,
        breakdown=per_topic,
        source="Jaarrapportage integriteit 2022",
        by=zh.coordinator,
    )


def build_zuid_holland(slug: str = "zuid-holland-fixture") -> ZuidHolland:
    """The organisation with its staff and both years entered; takes a few seconds."""
    organisation = organisation_create(name=NAME, slug=slug, kind=OrganisationKind.PROVINCE)
    roles = {
        "coordinator": Role.COORDINATOR,
        "principal": Role.CASE_PRINCIPAL,
        "investigator": Role.INVESTIGATOR,
        "adviser": Role.CONFIDENTIAL_ADVISER,
        "clerk": Role.REGISTER_CLERK,
    }
    users = {name: make_user(organisation, f"zh-{name}", role) for name, role in roles.items()}
    zh = ZuidHolland(organisation=organisation, users=users)
    _earlier_totals(zh)
    _oaths(zh)
    _trainings(zh)
    _contacts(zh)
    _bibob(zh)
    for rows in CASES.values():
        for row in rows:
            _case(zh, row)
    return zh
