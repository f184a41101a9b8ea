"""Invented demo cases: one in every state of the workflow, built through the real services."""

from __future__ import annotations

import datetime as dt
from collections import deque

from django.utils import timezone

from open_integriteit.accounts.models import User
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.organisations.models import Organisation
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Report
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.reports.uploads import CheckedFile

from . import retention, services, workflow
from .models import Case
from .workflow import State


def _path(target: str) -> list[workflow.Transition]:
    """The shortest sequence of transitions from intake to ``target``."""
    queue: deque[tuple[str, list[workflow.Transition]]] = deque([(State.INTAKE, [])])
    seen = {State.INTAKE.value}
    while queue:
        state, path = queue.popleft()
        if state == target:
            return path
        for t in workflow.TRANSITIONS:
            if t.source == state and t.target not in seen:
                seen.add(t.target)
                queue.append((t.target, [*path, t]))
    raise ValueError(target)


def _actor(transition: workflow.Transition, people: dict[str, User]) -> User | None:
    for role in ("coordinator", "case_principal", "investigator"):
        if role in transition.roles:
            return people[role]
    return None  # the system


def _enrich(case: Case, before: workflow.Transition, people: dict[str, User], today: dt.date) -> None:
    """Records a real case has by the time it takes this step."""
    coordinator, principal, investigator = people["coordinator"], people["case_principal"], people["investigator"]
    if before.name == "start_assessment":
        services.risk_assess(case=case, by=coordinator, level="medium", notes="Kleine afdeling; melder is herkenbaar.")
    if before.name == "submit_for_decision":
        services.assessment_record(
            case=case, by=investigator, investigable=True, reasoning="Concrete feiten en data; te onderzoeken."
        )
    if before.name in {"start_hearing", "conclude_preliminary"}:
        party = services.party_add(case=case, by=investigator, role="subject", function="Teamleider (verzonnen)")
        services.party_add(case=case, by=investigator, role="witness", function="Collega (verzonnen)")
        services.allegation_add(case=case, by=investigator, description="Herhaaldelijk kleinerende opmerkingen.")
        document = services.document_add(
            case=case,
            by=investigator,
            title="Gespreksverslag",
            file=CheckedFile("verslag.txt", "text/plain", b"Verzonnen gespreksverslag."),
        )
        if before.name == "start_hearing":
            case.refresh_from_db()
            services.hearing_record(
                case=case,
                by=investigator,
                party=party,
                held_on=today - dt.timedelta(days=20),
                heard_by="Onderzoeker integriteit",
                summary="Betrokkene is gehoord over de voorvallen (verzonnen).",
                reaction="Betrokkene herkent zich deels in het beeld.",
                documents=[document],
            )
    if before.name in {"complete_hearing", "conclude_preliminary"}:
        for allegation in case.allegations.all():
            case.refresh_from_db()
            services.finding_record(
                allegation=allegation,
                by=investigator,
                outcome="partly_founded",
                explanation="Deels bevestigd door getuigen.",
            )
    if before.name == "measures_taken":
        services.measure_add(case=case, by=principal, kind="coaching", decided_on=today - dt.timedelta(days=5))
        services.measure_add(case=case, by=principal, kind="team_programme", decided_on=today - dt.timedelta(days=5))
    if before.name == "close":
        for report in Report.objects.filter(case_link__case=case, feedback_at__isnull=True):
            report_services.report_send_message(
                report=report,
                by=coordinator,
                kind="feedback",
                body="Uw melding is beoordeeld en afgehandeld; dank voor het melden (demo).",
            )
        services.summary_update(
            case=case,
            by=principal,
            summary_year=today.year,
            summary_principal="Provinciesecretaris",
            summary_description="Melding over omgangsvormen binnen een team",
            summary_object="Gedrag van een leidinggevende",
            summary_findings="Deels gegrond",
            summary_consequence="Coaching en teamtraject",
            summary_bureau="",
        )
        services.summary_finalise(case=case, by=principal)
        services.lessons_update(case=case, by=principal, lessons_learned="Eerder ingrijpen bij signalen uit het team.")


def load_demo_cases(*, organisation: Organisation, people: dict[str, User]) -> list[Case]:
    """One case per state. ``people`` maps role code → demo user (coordinator, case_principal, investigator)."""
    coordinator = people["coordinator"]
    today = timezone.localdate()
    bios = entries_by_code(organisation=organisation, kind=CATEGORIES.code)
    cases = []
    for index, state in enumerate(State.values):
        report, _code = report_services.report_submit(
            organisation=organisation,
            data={
                "ground": "unwanted_behaviour",
                "reporter_type": "employee",
                "anonymity": "anonymous",
                "what_happened": f"Verzonnen melding {index + 1} over de sfeer in een team.",
                "reported_elsewhere": "no",
            },
        )
        Report.objects.filter(pk=report.pk).update(received_at=timezone.now() - dt.timedelta(days=200 - index * 12))
        report.refresh_from_db()
        report_services.report_acknowledge(
            report=report, by=coordinator, body="Dank voor uw melding; wij nemen haar in behandeling."
        )
        case = services.case_create(
            organisation=organisation,
            by=coordinator,
            title=f"Demo: omgangsvormen team {index + 1}",
            ground="unwanted_behaviour",
            category=bios.get("ongewenste-omgangsvormen"),
            reports=[report],
        )
        services.case_assign(case=case, by=coordinator, user=people["case_principal"])
        services.case_assign(case=case, by=coordinator, user=people["investigator"])
        for transition in _path(state):
            case.refresh_from_db()
            _enrich(case, transition, people, today)
            if transition.name == "destroy":
                Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - dt.timedelta(days=3 * 365))
                case.refresh_from_db()
                retention.case_destroy(case=case)
                break
            reason = "Toelichting bij deze stap (demo)." if transition.needs_reason else ""
            services.case_transition(
                case=case, by=_actor(transition, people), transition=transition.name, reason=reason
            )
        if state == State.CLOSED:
            services.protective_measure_add(
                case=case,
                by=people["case_principal"],
                description="Melder werkt tijdelijk op een andere afdeling; maandelijks gesprek.",
                started_on=today - dt.timedelta(days=60),
                follow_up_on=today + dt.timedelta(days=10),
            )
        case.refresh_from_db()
        cases.append(case)
    signal = services.case_create(
        organisation=organisation,
        by=coordinator,
        title="Demo: signaal uit de interne audit",
        ground="business_integrity",
        category=bios.get("fraude-diefstal-verduistering"),
        signal="De auditdienst zag afwijkende declaraties bij een inkooptraject (verzonnen).",
    )
    services.external_update(case=signal, by=coordinator, fraud_involved=True, accountant_informed_on=today)
    cases.append(signal)
    return cases
