"""One organisation with something behind every URL, made through the real services, and a
client per persona. The need-to-know test visits every URL with every persona in it.

People (on top of the shared personas of ``testing.fixtures``):

    alice     coordinator
    bob       investigator, assigned to the report and to the case
    carol     confidential adviser, assigned to nothing: the unassigned colleague
    dave      manager, assigned to the report and the case, then implicated in both
    erin      administrator
    frank     auditor
    mila      employee
    grace     coordinator of another organisation
    pat       case principal, assigned to the case
    vera      confidential adviser who keeps the log of an external service
    rita      register clerk (keeps the people register); in the register, dave manages the
              unit OMG (with VTH below it), the rest of the invented people are elsewhere
              (declarations waiting for a decision: ``declarations/tests/decision_world.py``)
    otto      an employee who manages the unit FIN in the register: a manager of another
              unit than mila's
    mila      (in the register) person 1003 in VTH, with declarations: a draft, a submitted
              side job and an approved one (decided by dave)
    outsider  an account of the organisation without any role
    anonymous, reporter, other_reporter: no account; the reporters have a mailbox session
              (of ``report`` and of ``other_report``)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.utils import timezone

from open_integriteit.accounts.models import Role, User
from open_integriteit.advice import services as advice_services
from open_integriteit.advice.models import AdviceRequest
from open_integriteit.advice.topics import ADVICE_TOPICS
from open_integriteit.cases import services as case_services
from open_integriteit.cases.models import Allegation, Case, CaseDocument, Party, PartyRole, ProtectiveMeasure
from open_integriteit.consultations import services as consultation_services
from open_integriteit.consultations.models import Adviser, AdviserKind, Contact
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.declarations.models import Declaration
from open_integriteit.declarations.tests.decision_world import add_declarations_to_decide
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries
from open_integriteit.organisations.models import Organisation, OrganisationKind
from open_integriteit.organisations.services import organisation_create, organisation_update_branding
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import world_hr_file
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Attachment, Report
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.reports.views.public import SESSION_KEY
from open_integriteit.testing.fixtures import PERSONAS, REPORT_DATA, login, make_user

STAFF = frozenset(
    {"outsider", "grace", "carol", "dave", "erin", "frank", "mila", "alice", "bob", "pat", "vera", "rita", "otto"}
)
NO_ACCOUNT = frozenset({"anonymous", "reporter", "other_reporter"})
EVERYONE = STAFF | NO_ACCOUNT
# A one-pixel PNG, for the organisation's logo.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    people: dict[str, User]
    report: Report  # outside a case: bob assigned, dave implicated; identity, minutes, an attachment
    attachment: Attachment
    other_report: Report  # the other reporter's
    spare_report: Report  # outside a case, nobody assigned: to group into the case
    case: Case  # bob and pat assigned, dave implicated
    case_report: Report
    case_attachment: Attachment
    document: CaseDocument
    party: Party
    allegation: Allegation
    protection: ProtectiveMeasure
    adviser: Adviser  # vera's external service
    contact: Contact
    topic: ListEntry
    advice: AdviceRequest

    clients: dict[str, Client] = field(default_factory=dict)
    declarations: dict[str, Declaration] = field(default_factory=dict)  # mila's, by state
    # --- onboarding ---
    ceremony: Any = None  # rita's oath ceremony of 2025 with Emma (1005), her pledge still open
    participant: Any = None
    # --- trainings ---
    training_session: Any = None  # a dilemma game with Sanne de Wit (1003) as participant
    requirement: Any = None  # the dilemma game, mandatory for OMG and below every 24 months
    # --- regulations and programme ---
    regulation: Any = None  # a public code of conduct, adopted by the executive (alice added it)
    programme_action: Any = None  # a planned action of the 2025 programme

    def log_in_everyone(self) -> None:
        """A client per persona: staff logged in (second factor verified), reporters with a
        mailbox session, the anonymous visitor with nothing."""
        for persona in sorted(EVERYONE):
            client = Client()
            if persona in STAFF:
                login(client, self.people[persona])
            elif persona != "anonymous":
                report = self.report if persona == "reporter" else self.other_report
                session = client.session
                session[SESSION_KEY] = {"org": self.org.pk, "report": report.pk, "at": timezone.now().timestamp()}
                session.save()
            self.clients[persona] = client


def _reply_with_file(report: Report, name: str) -> Attachment:
    report_services.report_reply_from_reporter(
        report=report, body="Invented extra", files=[CheckedFile(name, "text/plain", b"invented note")]
    )
    return report.attachments.get()


def build_world() -> World:
    """Everything above; the case in intake (a visit walks it on where it needs to)."""
    org = organisation_create(name="Provincie Testland", slug="provincie-testland", kind=OrganisationKind.PROVINCE)
    other_org = organisation_create(name="Gemeente Elders", slug="gemeente-elders", kind=OrganisationKind.MUNICIPALITY)
    people = {name: make_user(org, name, role) for name, role in PERSONAS.items()}
    people["grace"] = make_user(other_org, "grace", Role.COORDINATOR)
    people["pat"] = make_user(org, "pat", Role.CASE_PRINCIPAL)
    people["vera"] = make_user(org, "vera", Role.CONFIDENTIAL_ADVISER)
    people["rita"] = make_user(org, "rita", Role.REGISTER_CLERK)
    people["outsider"] = User.objects.create_user(username="outsider", password="x" * 20, organisation=org)
    people["otto"] = make_user(org, "otto", Role.EMPLOYEE)
    alice, bob, dave, erin = people["alice"], people["bob"], people["dave"], people["erin"]

    organisation_update_branding(
        organisation=org,
        by=erin,
        name=org.name,
        kind=org.kind,
        primary_colour=org.primary_colour,
        confidential_adviser_contact="",
        logo=PNG,
    )

    report, _code = report_services.report_register(
        organisation=org,
        by=alice,
        channel="phone",
        data={**REPORT_DATA, "anonymity": "confidential"},
        identity={"name": "Invented Reporter", "email": "", "phone": "", "notes": ""},
        minutes_text="Invented minutes of the phone call.",
    )
    attachment = _reply_with_file(report, "note.txt")
    report_services.report_assign(report=report, by=alice, user=bob)
    report_services.report_assign(report=report, by=alice, user=dave)
    report_services.report_mark_implicated(report=report, by=alice, user=dave)

    other_report, _code = report_services.report_submit(organisation=org, data=REPORT_DATA)
    spare_report, _code = report_services.report_submit(organisation=org, data=REPORT_DATA)

    case_report, _code = report_services.report_submit(organisation=org, data=REPORT_DATA)
    case_attachment = _reply_with_file(case_report, "case-note.txt")
    case = case_services.case_create(
        organisation=org, by=alice, title="Invented case", ground="business_integrity", reports=[case_report]
    )
    case_services.case_assign(case=case, by=alice, user=bob)
    case_services.case_assign(case=case, by=alice, user=people["pat"])
    case_services.case_assign(case=case, by=alice, user=dave)
    case_services.case_mark_implicated(case=case, by=alice, user=dave)
    document = case_services.document_add(
        case=case, by=bob, title="Invented memo", file=CheckedFile("memo.txt", "text/plain", b"invented memo")
    )
    party = case_services.party_add(case=case, by=bob, role=PartyRole.WITNESS, name="Invented Witness")
    allegation = case_services.allegation_add(case=case, by=people["pat"], description="Invented allegation")
    protection = case_services.protective_measure_add(
        case=case,
        by=people["pat"],
        description="Invented protection",
        started_on=dt.date(2025, 1, 1),
        follow_up_on=None,
    )

    adviser = consultation_services.adviser_create(
        organisation=org, by=alice, kind=AdviserKind.EXTERNAL, display_name="Invented Bureau", user=people["vera"]
    )
    topic = entries(organisation=org, kind=TOPICS.code).first()
    assert topic is not None
    contact = consultation_services.contact_log(
        adviser=adviser, by=people["vera"], date=dt.date(2025, 3, 17), topic=topic, conversations=3, led_to_report=False
    )
    advice = advice_services.advice_register(
        organisation=org,
        by=alice,
        date=dt.date(2025, 4, 8),
        received_via="hr",
        topic=entries(organisation=org, kind=ADVICE_TOPICS.code).get(code="side_jobs"),
        question="Invented question",
        advice="Invented advice",
        anonymised_summary="An employee asked about a side job.",
    )
    people_import(organisation=org, by=people["rita"], file_name="hr.csv", data=world_hr_file(), dry_run=False)
    add_declarations_to_decide(org)  # waiting for dave, and for nobody with an account
    world = World(
        org=org,
        other_org=other_org,
        people=people,
        report=report,
        attachment=attachment,
        other_report=other_report,
        spare_report=spare_report,
        case=case,
        case_report=case_report,
        case_attachment=case_attachment,
        document=document,
        party=party,
        allegation=allegation,
        protection=protection,
        adviser=adviser,
        contact=contact,
        topic=topic,
        advice=advice,
    )
    world.declarations = _declarations(people)
    # --- onboarding ---
    world.ceremony, world.participant = _ceremony(org, people["rita"])
    # --- regulations and programme ---
    from open_integriteit.programme.services import action_add
    from open_integriteit.regulations.services import regulation_add
    from open_integriteit.regulations.tests.files import PDF

    world.regulation = regulation_add(
        organisation=org,
        by=alice,
        kind="staff_code",
        title="Invented code of conduct",
        audience="All staff",
        adopted_by="executive",
        adopted_on=dt.date(2022, 5, 10),
        decision_reference="GS-2022-1",
        public=True,
        document=CheckedFile("gedragscode.pdf", "application/pdf", PDF),
    )
    world.programme_action = action_add(organisation=org, by=alice, year=2025, title="Invented dilemma sessions")
    world.log_in_everyone()
    # --- trainings ---
    _trainings(world)
    return world


def _ceremony(org: Organisation, rita: User) -> tuple[Any, Any]:
    from open_integriteit.onboarding import services as onboarding_services
    from open_integriteit.people.models import Person

    ceremony = onboarding_services.ceremony_record(
        organisation=org,
        by=rita,
        held_on=dt.date(2025, 6, 2),
        place="Statenzaal",
        form="physical",
        administered_by="Invented Secretary",
        group="employee",
    )
    emma = Person.objects.get(organisation=org, external_id="1005")
    onboarding_services.participants_add(ceremony=ceremony, by=rita, people=[emma])
    return ceremony, ceremony.participants.get()


def _trainings(world: World) -> None:
    from open_integriteit.lists.selectors import entries
    from open_integriteit.people.models import Person, Unit
    from open_integriteit.trainings import services as training_services
    from open_integriteit.trainings.kinds import KINDS

    org, alice = world.org, world.people["alice"]
    kind = entries(organisation=org, kind=KINDS.code).get(code="dilemmaspel")
    world.training_session = training_services.session_save(
        organisation=org,
        by=alice,
        kind=kind,
        date=dt.date(2025, 3, 4),
        title="Invented session",
        participants=[Person.objects.get(organisation=org, external_id="1003")],
    )
    world.requirement = training_services.requirement_save(
        organisation=org,
        by=alice,
        kind=kind,
        scope="unit",
        unit=Unit.objects.get(organisation=org, code="OMG"),
        period_months=24,
        applies_from=dt.date(2025, 1, 1),
    )


def _declarations(people: dict[str, User]) -> dict[str, Declaration]:
    """Mila's declarations: a draft, a submitted side job, and one dave approved."""
    from open_integriteit.declarations import services as declaration_services
    from open_integriteit.declarations.tests.factories import SIDE_JOB

    mila = people["mila"]
    made = {}
    for state in ("draft", "submitted", "approved"):
        data = {**SIDE_JOB, "body": f"Invented {state} body"}
        declaration = declaration_services.declaration_save_draft(by=mila, kind="side_job", data=data)
        if state != "draft":
            declaration_services.declaration_submit(by=mila, declaration=declaration)
        if state == "approved":
            declaration_services.declaration_transition(
                declaration=declaration, name="approve", by=people["dave"], reason="Invented reason"
            )
        made[state] = declaration
    return made
