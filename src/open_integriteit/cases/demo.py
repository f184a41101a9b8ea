"""Invented demo cases: one in every state of the workflow, built through the real services.

Each case follows its own route through the transition table, one step every few days,
and has what its state implies (an assessment before the decision, hearings before the
findings, findings before measures, measures in the measures stage, feedback and a final
summary before closing). The services stamp everything "now"; after each step the new
rows of the case are moved back to the day the step was taken, so every date is in order:
received ≤ acknowledged ≤ opened ≤ decided ≤ closed ≤ today. Only the audit trail keeps
the moment the demo was loaded: it is append-only and nothing may rewrite it.

All people, places and events are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils import timezone

from open_integriteit.accounts.models import User
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.organisations.models import Organisation
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Message, Report
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.reports.uploads import CheckedFile

from . import retention, services
from .models import (
    Allegation,
    Assessment,
    Case,
    CaseAssignment,
    CaseDocument,
    CaseReport,
    Finding,
    Hearing,
    Note,
    Outcome,
    Party,
    ProtectiveMeasure,
    RetaliationRisk,
)
from .workflow import State

STEP_DAYS = 8  # between two steps of a case
ACKNOWLEDGED_AFTER = 2  # days after receipt (the law allows seven)
OPENED_AFTER = 3  # days after receipt

BASE = ("start_assessment", "submit_for_decision")
INVESTIGATED = (*BASE, "decide_investigate", "start_hearing", "complete_hearing")
ROUTES: dict[str, tuple[str, ...]] = {
    State.INTAKE: (),
    State.ASSESSMENT: ("start_assessment",),
    State.DECISION: BASE,
    State.INFORMAL: (*BASE, "decide_informal"),
    State.REFERRED: (*BASE, "decide_refer"),
    State.PRELIMINARY_INVESTIGATION: (*BASE, "decide_preliminary"),
    State.INVESTIGATION: (*BASE, "decide_investigate"),
    State.HEARING: (*BASE, "decide_investigate", "start_hearing"),
    State.FINDINGS: INVESTIGATED,
    State.MEASURES: (*INVESTIGATED, "decide_measures"),
    State.FEEDBACK: (*BASE, "decide_informal", "informal_done"),
    State.CLOSED: (*INVESTIGATED, "decide_measures", "measures_taken", "close"),
    State.DESTROYED: (*BASE, "decide_no_action", "close", "destroy"),
}


@dataclass(frozen=True)
class Story:
    state: str
    title: str
    ground: str
    category: str
    what_happened: str
    when_where: str
    involved: str
    allegation: str
    days_since_last_step: int


STORIES = [
    Story(
        State.INTAKE,
        "Parkeervergunningen buiten de wachtlijst om",
        "business_integrity",
        "misbruik-bevoegdheden",
        "Een medewerker van Parkeren geeft volgens mij vergunningen voor de binnenstad af aan bekenden, terwijl "
        "anderen al maanden op de wachtlijst staan.",
        "Sinds de zomer, loket Parkeren in het provinciehuis.",
        "Een medewerker van het loket Parkeren.",
        "Parkeervergunningen zijn buiten de wachtlijst om verleend.",
        1,
    ),
    Story(
        State.ASSESSMENT,
        "Privégebruik van een dienstauto",
        "business_integrity",
        "misbruik-bevoegdheden",
        "Een dienstauto van de buitendienst staat in het weekend regelmatig bij een woonhuis en wordt dan voor "
        "privéritten gebruikt. Het kilometerregistratiesysteem laat ritten zien die niet in de planning staan.",
        "De afgelopen drie maanden, steunpunt wegbeheer Noord.",
        "Een opzichter van de buitendienst.",
        "Een dienstauto is voor privéritten gebruikt.",
        4,
    ),
    Story(
        State.DECISION,
        "Nevenfunctie bij een adviesbureau",
        "business_integrity",
        "onverenigbare-functies",
        "Een beleidsadviseur werkt naast zijn baan voor een adviesbureau dat offertes uitbrengt op onze "
        "opdrachten. De nevenfunctie is voor zover ik weet niet gemeld.",
        "Lopende aanbesteding voor de herinrichting van de provinciale weg.",
        "Een beleidsadviseur van Mobiliteit.",
        "Een nevenfunctie bij een inschrijver is niet gemeld.",
        3,
    ),
    Story(
        State.INFORMAL,
        "Spanningen in het team Communicatie",
        "unwanted_behaviour",
        "ongewenste-omgangsvormen",
        "In het team Communicatie wordt een collega stelselmatig buitengesloten van overleggen en in de teamapp "
        "belachelijk gemaakt.",
        "Sinds de reorganisatie in het voorjaar.",
        "Een aantal collega's van het team Communicatie.",
        "Een collega wordt buitengesloten en belachelijk gemaakt.",
        5,
    ),
    Story(
        State.REFERRED,
        "Mogelijke omkoping bij een subsidieverlening",
        "misstand",
        "corruptie",
        "Een aanvrager vertelde dat hij een bedrag heeft betaald om zijn subsidieaanvraag sneller en gunstiger "
        "beoordeeld te krijgen.",
        "Subsidieregeling energiebesparing voor verenigingen.",
        "Een medewerker van het subsidiebureau.",
        "Er is een betaling gedaan voor een gunstige beoordeling van een subsidieaanvraag.",
        6,
    ),
    Story(
        State.PRELIMINARY_INVESTIGATION,
        "Dubbele declaraties van reiskosten",
        "business_integrity",
        "fraude-diefstal-verduistering",
        "Bij het verwerken van declaraties zag ik dat dezelfde treinreizen twee keer zijn gedeclareerd, één keer "
        "via de reiskostenregeling en één keer via een projectbudget.",
        "Declaraties van januari tot en met juni.",
        "Een projectleider van Ruimtelijke Ontwikkeling.",
        "Dezelfde reiskosten zijn twee keer gedeclareerd.",
        2,
    ),
    Story(
        State.INVESTIGATION,
        "Vertrouwelijke stukken gedeeld met een projectontwikkelaar",
        "business_integrity",
        "misbruik-informatie",
        "Een concept van het inpassingsplan stond in een presentatie van een projectontwikkelaar, twee weken "
        "voordat Gedeputeerde Staten het hadden besproken.",
        "Bijeenkomst van de ontwikkelaar in het voorjaar.",
        "Onbekend wie de stukken heeft gedeeld.",
        "Een vertrouwelijk concept is gedeeld met een projectontwikkelaar.",
        4,
    ),
    Story(
        State.HEARING,
        "Intimiderend gedrag van een leidinggevende",
        "unwanted_behaviour",
        "ongewenste-omgangsvormen",
        "Onze teamleider schreeuwt in overleggen tegen medewerkers en dreigt met slechte beoordelingen als je "
        "kritiek hebt. Twee collega's zijn al ziek thuis.",
        "Het afgelopen jaar, afdeling Vergunningen.",
        "De teamleider van een team van Vergunningen.",
        "De teamleider schreeuwt tegen medewerkers en dreigt met slechte beoordelingen.",
        2,
    ),
    Story(
        State.FINDINGS,
        "Geschenken van een aannemer",
        "business_integrity",
        "giften",
        "Een projectleider heeft van een aannemer een weekend weg aangeboden gekregen en aangenomen, terwijl hij "
        "het meerwerk van die aannemer goedkeurt.",
        "Het najaar, onderhoudsproject van een brug.",
        "Een projectleider van Infrastructuur.",
        "Een projectleider heeft een weekend weg van een aannemer aangenomen.",
        3,
    ),
    Story(
        State.MEASURES,
        "Kwetsende opmerkingen in teamoverleggen",
        "unwanted_behaviour",
        "ongewenste-omgangsvormen",
        "Een collega maakt in teamoverleggen herhaaldelijk kleinerende opmerkingen over de afkomst van een andere "
        "collega. De leidinggevende grijpt niet in.",
        "Wekelijks teamoverleg van Financiën.",
        "Een senior medewerker van Financiën.",
        "Een medewerker maakt kleinerende opmerkingen over de afkomst van een collega.",
        2,
    ),
    Story(
        State.FEEDBACK,
        "Onduidelijke afspraken over thuiswerken",
        "other",
        "ongewenste-omgangsvormen",
        "Mijn leidinggevende houdt bij wie er thuiswerkt met een eigen lijst en bespreekt die in het teamoverleg. "
        "Dat voelt als controle en niemand weet wat de regels zijn.",
        "Team Informatievoorziening, sinds september.",
        "De leidinggevende van het team.",
        "Een leidinggevende houdt een eigen lijst bij van thuiswerkers.",
        3,
    ),
    Story(
        State.CLOSED,
        "Omgangsvormen in het team Wegbeheer",
        "unwanted_behaviour",
        "ongewenste-omgangsvormen",
        "In het team Wegbeheer worden nieuwe collega's uitgelachen en krijgen ze de vervelendste klussen. Wie er "
        "iets van zegt, wordt buitengesloten.",
        "Steunpunt wegbeheer Zuid, al langere tijd.",
        "Een ploegleider en enkele vaste collega's.",
        "Nieuwe collega's worden uitgelachen en buitengesloten.",
        9,
    ),
    Story(
        State.DESTROYED,
        "Melding over een aanbesteding van schoonmaakdiensten",
        "business_integrity",
        "corruptie",
        "Bij de aanbesteding van de schoonmaakdiensten zou de winnaar vooraf informatie hebben gekregen.",
        "Aanbesteding schoonmaak provinciehuis.",
        "Onbekend.",
        "Een inschrijver heeft vooraf informatie gekregen.",
        14,
    ),
]

# The rows each step may create, with the field that dates them and the way to the case.
STAMPED: list[tuple[type[Model], str, str]] = [
    (Case, "created_at", "pk"),
    (Case, "decision_at", "pk"),
    (Case, "closed_at", "pk"),
    (Case, "summary_final_at", "pk"),
    (CaseReport, "added_at", "case"),
    (CaseAssignment, "created_at", "case"),
    (RetaliationRisk, "assessed_at", "case"),
    (Assessment, "assessed_at", "case"),
    (Party, "created_at", "case"),
    (Allegation, "created_at", "case"),
    (Finding, "established_at", "allegation__case"),
    (Hearing, "created_at", "case"),
    (CaseDocument, "created_at", "case"),
    (Note, "created_at", "case"),
    (ProtectiveMeasure, "created_at", "case"),
    (Report, "acknowledged_at", "case_link__case"),
    (Report, "feedback_at", "case_link__case"),
    (Report, "closed_at", "case_link__case"),
    (Message, "created_at", "report__case_link__case"),
]


def _settle(case: Case, since: dt.datetime, when: dt.datetime) -> None:
    """Date every row of the case written since ``since`` to ``when``, the day of the step."""
    for model, field, to_case in STAMPED:
        model._default_manager.filter(**{to_case: case.pk, f"{field}__gte": since}).update(**{field: when})


class _Steps:
    """Walks one case along its route, doing what a real case has by each step."""

    def __init__(self, *, case: Case, story: Story, people: dict[str, User], day: Callable[[int], dt.datetime]):
        self.case, self.story, self.day = case, story, day
        self.coordinator = people["coordinator"]
        self.principal = people["case_principal"]
        self.investigator = people["investigator"]
        self.subject: Party | None = None
        self.document: CaseDocument | None = None

    def date(self, step: int) -> dt.date:
        return timezone.localtime(self.day(step)).date()

    def before(self, name: str, step: int) -> None:
        case = self.case
        if name == "start_assessment":
            services.risk_assess(
                case=case,
                by=self.coordinator,
                level="medium",
                notes="Kleine afdeling: de melder is mogelijk herkenbaar. Contact loopt via de coördinator.",
            )
        elif name == "submit_for_decision":
            services.assessment_record(
                case=case,
                by=self.investigator,
                investigable=True,
                reasoning="De melding noemt concrete feiten, een periode en een plaats; er zijn stukken en "
                "getuigen die de feiten kunnen bevestigen of weerleggen.",
            )
        elif name == "complete_hearing":
            for allegation in case.allegations.all():
                services.finding_record(
                    allegation=allegation,
                    by=self.investigator,
                    outcome="partly_founded",
                    explanation="Door twee getuigen bevestigd; de betrokkene erkent een deel van de voorvallen.",
                )
        elif name == "close":
            feedback = (
                "Uw melding is onderzocht. Er zijn maatregelen genomen en de zaak is afgerond."
                if case.decision == "investigate"
                else "Uw melding is zorgvuldig bekeken. Wij hebben geen aanwijzingen gevonden die verder "
                "onderzoek rechtvaardigen en sluiten de zaak."
            )
            for report in Report.objects.filter(case_link__case=case, feedback_at__isnull=True):
                report_services.report_send_message(
                    report=report,
                    by=self.coordinator,
                    kind="feedback",
                    body=f"{feedback} Dank dat u dit heeft gemeld; u kunt altijd contact opnemen als er opnieuw "
                    "iets speelt.",
                )
            if case.decision == "investigate":
                services.summary_update(
                    case=case,
                    by=self.principal,
                    summary_year=self.date(step).year,
                    summary_principal="Provinciesecretaris",
                    summary_description="Melding over omgangsvormen binnen een team van de buitendienst.",
                    summary_object="Gedrag van een ploegleider en enkele collega's.",
                    summary_findings="Deels gegrond.",
                    summary_consequence="Coaching van de ploegleider en een teamtraject.",
                    summary_bureau="",
                )
                services.summary_finalise(case=case, by=self.principal)
                services.lessons_update(
                    case=case,
                    by=self.principal,
                    lessons_learned="Signalen over de sfeer in een team eerder bespreken in het "
                    "managementoverleg; nieuwe medewerkers een vaste buddy geven.",
                )

    def after(self, name: str, step: int) -> None:
        case, story = self.case, self.story
        if name == "decide_informal":
            services.note_add(
                case=case,
                by=self.coordinator,
                text="Gesprek gevoerd met de leidinggevende; afgesproken dat het team een gesprek krijgt onder "
                "leiding van een externe begeleider.",
            )
            services.measure_add(
                case=case,
                by=self.principal,
                kind="agreements",
                decided_on=self.date(step),
                description="Afspraken over omgangsregels in het team, vastgelegd in het teamplan.",
            )
        elif name == "decide_refer":
            services.external_update(
                case=case, by=self.principal, external_body="police", external_body_on=self.date(step)
            )
            services.note_add(
                case=case, by=self.coordinator, text="Aangifte gedaan; het Openbaar Ministerie neemt het over."
            )
        elif name in {"decide_preliminary", "decide_investigate"}:
            self.subject = services.party_add(
                case=case, by=self.investigator, role="subject", function=SUBJECT_POSITIONS[story.state]
            )
            services.allegation_add(case=case, by=self.investigator, description=story.allegation)
            self.document = services.document_add(
                case=case,
                by=self.investigator,
                title="Onderzoeksplan",
                file=CheckedFile(
                    "onderzoeksplan.txt",
                    "text/plain",
                    b"Onderzoeksplan: vragen, te horen personen en op te vragen stukken.",
                ),
            )
            if name == "decide_investigate":
                services.external_update(case=case, by=self.principal, investigated_by="internal")
                services.party_add(case=case, by=self.investigator, role="witness", function="Collega van het team")
        elif name == "start_hearing":
            assert self.subject is not None
            services.hearing_record(
                case=case,
                by=self.investigator,
                party=self.subject,
                held_on=self.date(step),
                heard_by="Onderzoeker integriteit en een medewerker HR",
                summary="De betrokkene is gehoord over de voorvallen uit de melding en heeft zijn kant van het "
                "verhaal gegeven. Het verslag is ter correctie voorgelegd.",
                reaction="De betrokkene herkent zich deels in het beeld en wil meewerken aan een oplossing.",
                documents=[self.document] if self.document else [],
            )
        elif name == "decide_measures":
            services.measure_add(
                case=case,
                by=self.principal,
                kind="coaching",
                decided_on=self.date(step),
                description="Coachingstraject van zes gesprekken.",
            )
            services.measure_add(
                case=case,
                by=self.principal,
                kind="team_programme",
                decided_on=self.date(step),
                description="Teamsessies over omgangsvormen onder externe begeleiding.",
            )


# The position of the person each investigated case is about (never a name).
SUBJECT_POSITIONS: dict[str, str] = {
    State.PRELIMINARY_INVESTIGATION: "Projectleider Ruimtelijke Ontwikkeling",
    State.INVESTIGATION: "Beleidsmedewerker Ruimtelijke Ordening",
    State.HEARING: "Teamleider Vergunningen",
    State.FINDINGS: "Projectleider Infrastructuur",
    State.MEASURES: "Senior medewerker Financiën",
    State.CLOSED: "Ploegleider steunpunt wegbeheer Zuid",
}


def _stories_by_state() -> dict[str, Story]:
    return {story.state: story for story in STORIES}


def load_demo_cases(*, organisation: Organisation, people: dict[str, User]) -> list[Case]:
    """One case per state. ``people`` maps role code → demo user (coordinator, case_principal, investigator)."""
    coordinator = people["coordinator"]
    now = timezone.now()
    categories = entries_by_code(organisation=organisation, kind=CATEGORIES.code)
    cases = []
    for state, story in _stories_by_state().items():
        route = ROUTES[state]
        steps = [name for name in route if name != "destroy"]
        slack = story.days_since_last_step
        if state == State.DESTROYED:
            # Closed long enough ago for its retention period to have run out.
            months = retention.retention_months(organisation_id=organisation.pk, outcome=Outcome.NO_ACTION)
            slack = months * 31 + story.days_since_last_step
        received = now - dt.timedelta(days=slack + OPENED_AFTER + STEP_DAYS * len(steps))

        def day(step: int, received: dt.datetime = received) -> dt.datetime:
            """The moment of step ``step`` (0: the case is opened)."""
            return received + dt.timedelta(days=OPENED_AFTER + STEP_DAYS * step, hours=step % 3)

        report, _code = report_services.report_submit(
            organisation=organisation,
            data={
                "ground": story.ground,
                "reporter_type": "employee",
                "anonymity": "anonymous",
                "what_happened": story.what_happened,
                "when_where": story.when_where,
                "involved": story.involved,
                "how_known": "Ik werk op dezelfde afdeling en heb het zelf gezien.",
                "reported_elsewhere": "no",
            },
        )
        Report.objects.filter(pk=report.pk).update(received_at=received)
        since = timezone.now()
        report_services.report_acknowledge(
            report=report,
            by=coordinator,
            body="Dank voor uw melding. Wij hebben haar ontvangen en beoordelen haar zorgvuldig. U hoort "
            "binnen drie maanden wat wij ermee doen.",
        )
        Report.objects.filter(pk=report.pk, acknowledged_at__gte=since).update(
            acknowledged_at=received + dt.timedelta(days=ACKNOWLEDGED_AFTER)
        )
        Message.objects.filter(report=report, created_at__gte=since).update(
            created_at=received + dt.timedelta(days=ACKNOWLEDGED_AFTER)
        )
        since = timezone.now()
        case = services.case_create(
            organisation=organisation,
            by=coordinator,
            title=story.title,
            ground=story.ground,
            category=categories.get(story.category),
            reports=[report],
        )
        services.case_assign(case=case, by=coordinator, user=people["case_principal"])
        services.case_assign(case=case, by=coordinator, user=people["investigator"])
        _settle(case, since, day(0))
        walker = _Steps(case=case, story=story, people=people, day=day)
        for step, name in enumerate(route, start=1):
            case.refresh_from_db()
            walker.case = case
            if name == "destroy":
                retention.case_destroy(case=case)
                break
            since = timezone.now()
            walker.before(name, step)
            reason = ""
            if name == "decide_no_action":
                reason = "De melding is onderzocht in een verkenning; er zijn geen aanwijzingen gevonden."
            case = services.case_transition(case=case, by=_actor(name, people), transition=name, reason=reason)
            walker.case = case
            walker.after(name, step)
            _settle(case, since, day(step))
        if state == State.CLOSED:
            last = timezone.localtime(day(len(steps))).date()
            since = timezone.now()
            services.protective_measure_add(
                case=case,
                by=people["case_principal"],
                description="De melder werkt tijdelijk op een ander steunpunt; elke maand een gesprek met HR.",
                started_on=last - dt.timedelta(days=40),
                follow_up_on=timezone.localdate() + dt.timedelta(days=10),
            )
            _settle(case, since, day(len(steps)))
        case.refresh_from_db()
        cases.append(case)
    since = timezone.now()
    signal = services.case_create(
        organisation=organisation,
        by=coordinator,
        title="Signaal uit de interne audit over declaraties",
        ground="business_integrity",
        category=categories.get("fraude-diefstal-verduistering"),
        signal="De auditdienst zag bij een inkooptraject declaraties zonder onderliggende bonnen, "
        "steeds net onder de grens waarboven een tweede handtekening nodig is.",
    )
    services.external_update(
        case=signal, by=coordinator, fraud_involved=True, accountant_informed_on=timezone.localdate()
    )
    _settle(signal, since, now - dt.timedelta(days=1))
    cases.append(signal)
    return cases


def _actor(name: str, people: dict[str, User]) -> Any:
    from .workflow import BY_NAME

    transition = BY_NAME[name]
    for role in ("coordinator", "case_principal", "investigator"):
        if role in transition.roles:
            return people[role]
    return None  # the system
