"""The Utrecht template's figures (Bijlage 2 of the integrity plan 2018–2021, "IV. Cijfermatige
analyse met inhoudelijke toelichtingen", ``/work/shared/reference/``): one test per item of its
list, each building records through the apps' real services and asserting the number the
annual report reads (``figures.registry.year_figures``, ADR 0025).

    • Aantal keer dat ambtseed of -belofte is afgenomen            onboarding.oaths (+ partner, entered)
    • Meldingen van vermoedelijke misstanden a–h                   reports.* and cases.*
    • Aantal verrichte integriteitsonderzoeken (en resultaten)     cases.decisions / findings / outcomes
    • Integriteitsincidenten (en de genomen acties)                complaints.incidents / incident_actions
    • Ontvangen klachten (zowel intern als extern)                 complaints.complaints / _external
    • Aantal afwijkingen van de inkoop- en aanbestedingsregels     procurement.deviations (per reason)
    • Aantal gesprekken van de vertrouwenspersonen                 consultations.conversations
    • Aantal uitgevoerde trainingen, cursussen, workshops, ...     trainings.sessions / participants
    • Aantal adviezen van de coördinator integriteit               advice.requests

Every record, and every entered total of a year before the system, is made through the
apps' services (``figures.services.entered_total_set`` for the totals).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from open_integriteit.accounts.models import Role
from open_integriteit.advice.tests.test_advice import make as make_advice
from open_integriteit.cases import services as case_services
from open_integriteit.cases.tests.test_statistics import case_without_action, investigated_case, local
from open_integriteit.cases.workflow import State
from open_integriteit.consultations import services as consultation_services
from open_integriteit.consultations.models import AdviserKind
from open_integriteit.consultations.services import TopicTotal
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.declarations.tests.factories import build_declaration_world
from open_integriteit.figures import registry, services
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.reports import services as report_services
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.retention.runner import run_retention
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db
YEAR = 2025


def figures(org: Any, year: int = YEAR) -> dict[str, registry.Figure]:
    return registry.year_figures(organisation=org, year=year)


def rows(figure: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in figure.breakdown}


def enter(org: Any, by: Any, key: str, year: int, total: int, breakdown: dict[str, int] | None = None) -> None:
    services.entered_total_set(
        organisation=org,
        key=key,
        year=year,
        total=total,
        breakdown=breakdown,
        source=f"Invented annual report {year}",
        by=by,
    )


def misstand(make_report: Any, when: dt.datetime, **data: Any) -> Any:
    with time_machine.travel(when, tick=False):
        report, _code = make_report(ground="misstand", **data)
    return report


# --- Aantal keer dat ambtseed of -belofte is afgenomen --------------------------------------


def test_oaths_and_affirmations_per_group_with_a_partner_ceremony_and_an_entered_year(org, personas):
    from open_integriteit.onboarding import services as onboarding

    world = build_declaration_world(org, personas)
    alice = personas["alice"]
    ceremony = onboarding.ceremony_record(
        organisation=org,
        by=alice,
        held_on=dt.date(YEAR, 12, 31),
        place="Provinciehuis",
        form="physical",
        administered_by="Invented secretary",
        group="employee",
    )
    people = [world.person(name) for name in ("mila", "fenna", "otto")]
    onboarding.participants_add(ceremony=ceremony, by=alice, people=people)
    ids = ceremony.participants.order_by("pk").values_list("pk", flat=True)
    pledges = dict(zip(ids, ["oath", "oath", "affirmation"], strict=True))
    onboarding.pledges_record(ceremony=ceremony, by=alice, pledges=pledges)
    onboarding.ceremony_record(
        organisation=org,
        by=alice,
        held_on=dt.date(YEAR + 1, 1, 1),  # the next year
        place="Online",
        form="online",
        administered_by="Invented secretary",
        group="partner",
        partner_name="Invented Omgevingsdienst",
        partner_oaths=4,
        partner_affirmations=1,
    )
    enter(org, alice, "onboarding.oaths", 2017, 23, {"employee": 20, "trainee": 3})

    this_year, next_year = figures(org), figures(org, YEAR + 1)
    assert this_year["onboarding.oaths"].total == 3
    assert rows(this_year["onboarding.oaths"]) == {"employee": 3}
    assert rows(this_year["onboarding.oath_or_affirmation"]) == {"oath": 2, "affirmation": 1}
    assert this_year["onboarding.partner_oaths"].total == 0
    assert next_year["onboarding.oaths"].total == 0  # a partner's staff is counted apart
    assert rows(next_year["onboarding.partner_oaths"]) == {"Invented Omgevingsdienst": 5}
    assert rows(next_year["onboarding.ceremonies"]) == {"online": 1}
    entered = figures(org, 2017)["onboarding.oaths"]
    assert entered.entered and entered.total == 23 and rows(entered) == {"employee": 20, "trainee": 3}


# --- Meldingen van vermoedelijke misstanden, a–h --------------------------------------------


def test_a_number_of_reports_of_a_suspected_misstand(org, make_report):
    misstand(make_report, local(YEAR, 1, 1, 0, 30))  # 31 December in UTC: still this year
    misstand(make_report, local(YEAR, 12, 31, 23, 30))
    misstand(make_report, local(YEAR + 1, 1, 1, 0, 5))
    with time_machine.travel(local(YEAR, 6, 1), tick=False):
        make_report(ground="unwanted_behaviour")  # a report, not of a misstand
    assert figures(org)["reports.wbk"].total == 2
    assert figures(org)["reports.reports"].total == 3


def test_b_the_nature_of_the_reports(org, personas, make_report):
    category = ListEntry.objects.filter(organisation=org, kind=CATEGORIES.code, active=True).order_by("position")[0]
    report = misstand(make_report, local(YEAR, 3, 1))
    report_services.report_classify(report=report, by=personas["alice"], ground="misstand", category=category)
    misstand(make_report, local(YEAR, 3, 2))
    assert rows(figures(org)["reports.by_category"]) == {category.code: 1, "none": 1}
    assert rows(figures(org)["reports.reports"]) == {"misstand": 2}


def test_c_the_outcomes_of_the_investigations_of_the_reports(org, team, make_report, make_case, walk):
    founded = misstand(make_report, local(YEAR, 2, 1))
    dropped = misstand(make_report, local(YEAR, 2, 2))
    investigated_case(
        team, make_case, walk, opened=local(YEAR, 2, 3), closed=local(YEAR, 5, 1), reports=[founded], ground="misstand"
    )
    case_without_action(make_case, walk, opened=local(YEAR, 2, 4), closed=local(YEAR, 3, 1), reports=[dropped])
    assert rows(figures(org)["reports.wbk"]) == {"no_action": 1, "founded": 1}
    assert rows(figures(org)["cases.findings"]) == {"founded": 1}


def test_d_the_standpoints_of_the_employer(org, team, make_report, make_case, walk):
    investigated_case(team, make_case, walk, opened=local(YEAR, 4, 1), closed=local(YEAR, 6, 1))
    case_without_action(make_case, walk, opened=local(YEAR, 4, 2), closed=local(YEAR, 6, 2))
    assert rows(figures(org)["cases.decisions"]) == {"investigate": 1, "no_action": 1}
    assert rows(figures(org)["cases.measures"]) == {"coaching": 1}


def _retaliation(team: Any, make_case: Any, walk: Any, *, when: dt.datetime) -> Any:
    original = case_without_action(make_case, walk, opened=local(YEAR - 1, 3, 1), closed=local(YEAR - 1, 4, 1))
    with time_machine.travel(when, tick=False):
        claim = case_services.retaliation_complaint_create(
            original=original, by=team["alice"], title="Invented claim", description="Invented: passed over."
        )
        case_services.case_assign(case=claim, by=team["alice"], user=team["pat"])
    return claim


def test_e_experience_with_countering_retaliation_rests_on_the_claims_counted(org, team, make_case, walk):
    # The template asks for a narrative; the report writes it beside the number of claims.
    _retaliation(team, make_case, walk, when=local(YEAR, 9, 1))
    assert figures(org)["cases.retaliation_claims"].total == 1
    assert figures(org, YEAR - 1)["cases.retaliation_claims"].total == 0


def test_f_requests_for_an_investigation_of_retaliation(org, team, make_case, walk):
    _retaliation(team, make_case, walk, when=local(YEAR, 12, 31, 23, 45))
    _retaliation(team, make_case, walk, when=local(YEAR + 1, 1, 1, 0, 15))
    assert figures(org)["cases.retaliation_claims"].total == 1
    assert figures(org, YEAR + 1)["cases.retaliation_claims"].total == 1


def test_g_the_outcomes_of_those_investigations(org, team, make_case, walk):
    claim = _retaliation(team, make_case, walk, when=local(YEAR, 5, 1))
    _retaliation(team, make_case, walk, when=local(YEAR, 5, 2))
    with time_machine.travel(local(YEAR, 7, 1), tick=False):
        walk(claim, "start_assessment", "submit_for_decision", "decide_no_action", "close")
    assert rows(figures(org)["cases.retaliation_claims"]) == {"no_action": 1, "in_progress": 1}


def test_h_the_standpoints_of_the_employer_on_those_outcomes(org, team, make_case, walk):
    claim = _retaliation(team, make_case, walk, when=local(YEAR, 5, 1))
    with time_machine.travel(local(YEAR, 7, 1), tick=False):
        walk(claim, "start_assessment", "submit_for_decision")
        case_services.case_transition(case=claim, by=team["pat"], transition="decide_investigate")
    assert rows(figures(org)["cases.retaliation_decisions"]) == {"investigate": 1}


# --- Aantal verrichte integriteitsonderzoeken (en de resultaten ervan) ----------------------


def test_investigations_and_their_results_across_the_year_and_after_destruction(org, team, make_case, walk):
    # Opened on 31 December, closed on 1 January: opened in one year, closed in the next.
    investigated_case(
        team,
        make_case,
        walk,
        opened=local(YEAR - 1, 12, 31, 23, 30),
        closed=local(YEAR, 1, 1, 0, 30),
        findings=("founded", "partly_founded"),
        measures=("written_reprimand",),
    )
    destroyed = investigated_case(
        team, make_case, walk, opened=local(YEAR, 2, 1), closed=local(YEAR, 3, 1), findings=("unfounded",), measures=()
    )
    with time_machine.travel(local(YEAR, 6, 1), tick=False):  # unfounded: destroyed two months after closure
        assert run_retention() == 1
    destroyed.refresh_from_db()
    assert destroyed.state == State.DESTROYED

    assert rows(figures(org, YEAR - 1)["cases.decisions"]) == {"investigate": 1}
    assert figures(org, YEAR - 1)["cases.closed"].total == 0
    this_year = figures(org)
    assert rows(this_year["cases.decisions"]) == {"investigate": 1}  # the destroyed case's decision
    assert this_year["cases.opened"].total == 1
    assert this_year["cases.closed"].total == 2
    assert rows(this_year["cases.findings"]) == {"founded": 1, "partly_founded": 1, "unfounded": 1}
    assert rows(this_year["cases.outcomes"]) == {"unfounded": 1, "disciplinary": 1}
    assert rows(this_year["cases.measures"]) == {"written_reprimand": 1}


# --- Integriteitsincidenten (en de genomen acties) ------------------------------------------


def test_integrity_incidents_and_the_actions_taken(org, personas):
    from open_integriteit.complaints import services as complaints

    alice = personas["alice"]
    for when, kind, action in (
        (dt.date(YEAR, 12, 31), "data_breach", "measure"),
        (dt.date(YEAR, 4, 1), "loss_or_theft", "reported"),
        (dt.date(YEAR + 1, 1, 1), "loss_or_theft", "none"),
    ):
        complaints.incident_record(
            organisation=org, by=alice, date=when, kind=kind, description="Invented incident.", action=action
        )
    assert figures(org)["complaints.incidents"].total == 2
    assert rows(figures(org)["complaints.incidents"]) == {"data_breach": 1, "loss_or_theft": 1}
    assert rows(figures(org)["complaints.incident_actions"]) == {"measure": 1, "reported": 1}


# --- Ontvangen klachten (zowel intern als extern) -------------------------------------------


def test_complaints_received_internal_and_external_a_complaint_that_became_a_case_once(org, personas, make_case):
    from open_integriteit.complaints import services as complaints

    alice = personas["alice"]
    with time_machine.travel(local(YEAR, 3, 2), tick=False):
        case = make_case(state=State.INTAKE)
    complaints.complaint_record(organisation=org, by=alice, received_on=dt.date(YEAR, 3, 1), kind="bullying", case=case)
    complaints.complaint_record(
        organisation=org,
        by=alice,
        received_on=dt.date(YEAR, 12, 31),
        kind="bullying",
        external=True,
        committee="Invented external complaints committee",
    )
    this_year = figures(org)
    assert this_year["complaints.complaints"].total == 2  # the complaint that became a case: once
    assert rows(this_year["complaints.complaints_external"]) == {"invented-external-complaints-committee": 1}
    assert this_year["complaints.complaints_linked"].total == 1
    assert this_year["cases.opened"].total == 1


# --- Aantal afwijkingen van de inkoop- en aanbestedingsregels met redenen --------------------


def test_procurement_deviations_with_their_reasons(org, personas):
    from open_integriteit.procurement import services as procurement

    alice = personas["alice"]
    reasons = ListEntry.objects.filter(organisation=org, kind="procurement.deviation_reason").order_by("position")
    for when, reason, amount in (
        (dt.date(YEAR, 12, 31), reasons[0], Decimal("25000")),
        (dt.date(YEAR, 2, 1), reasons[0], Decimal("12500.50")),
        (dt.date(YEAR, 5, 1), reasons[1], Decimal("80000")),
        (dt.date(YEAR + 1, 1, 1), reasons[1], Decimal("5000")),
    ):
        procurement.deviation_record(
            organisation=org,
            by=alice,
            date=when,
            subject="Invented purchase",
            amount=amount,
            procedure="multiple_private",
            reason=reason,
            decided_by="Invented director",
        )
    this_year = figures(org)
    assert this_year["procurement.deviations"].total == 3
    assert rows(this_year["procurement.deviations"]) == {reasons[0].code: 2, reasons[1].code: 1}
    assert this_year["procurement.deviations_amount"].total == Decimal("117500.50")


# --- Aantal gesprekken van de vertrouwenspersonen -------------------------------------------


def test_conversations_of_the_confidential_advisers_with_year_totals_and_an_entered_year(org, personas):
    alice = personas["alice"]
    carol, vince = personas["carol"], make_user(org, "vince", Role.CONFIDENTIAL_ADVISER)
    internal = consultation_services.adviser_create(
        organisation=org, by=alice, kind=AdviserKind.INTERNAL, display_name="Intern", user=carol
    )
    external = consultation_services.adviser_create(
        organisation=org, by=alice, kind=AdviserKind.EXTERNAL, display_name="Invented Bureau", user=vince
    )
    topics = entries_by_code(organisation=org, kind=TOPICS.code)
    for date, conversations in ((dt.date(YEAR, 1, 1), 2), (dt.date(YEAR, 12, 31), 3), (dt.date(YEAR - 1, 12, 31), 1)):
        consultation_services.contact_log(
            adviser=internal,
            by=carol,
            date=date,
            topic=topics["onveiligheid"],
            conversations=conversations,
            led_to_report=False,
        )
    consultation_services.year_totals_save(
        adviser=external,
        by=vince,
        year=YEAR,
        totals=[TopicTotal(topics["arbeidsconflict"], contacts=4, conversations=9)],
    )
    enter(org, alice, "consultations.contacts", 2018, 31)

    this_year = figures(org)
    assert this_year["consultations.conversations"].total == 2 + 3 + 9
    assert rows(this_year["consultations.conversations"]) == {"arbeidsconflict": 9, "onveiligheid": 5}
    assert this_year["consultations.contacts"].total == 2 + 4
    assert figures(org, 2018)["consultations.contacts"].entered
    assert figures(org, 2018)["consultations.contacts"].total == 31


# --- Aantal uitgevoerde trainingen, cursussen, workshops en conferenties/campagnes -----------


def test_trainings_sessions_and_participants_per_kind_with_an_entered_year(org, personas):
    from open_integriteit.trainings import services as trainings

    world = build_declaration_world(org, personas)
    alice = personas["alice"]
    kinds = entries_by_code(organisation=org, kind="trainings.kind")
    trainings.session_save(
        organisation=org,
        by=alice,
        kind=kinds["dilemmaspel"],
        date=dt.date(YEAR, 12, 31),
        title="Invented dilemma game",
        participants=[world.person("mila"), world.person("fenna")],
    )
    trainings.session_save(
        organisation=org, by=alice, kind=kinds["webinar"], date=dt.date(YEAR, 3, 1), title="Invented", head_count=40
    )
    trainings.session_save(
        organisation=org, by=alice, kind=kinds["campagne"], date=dt.date(YEAR + 1, 1, 1), title="Next", head_count=9
    )
    enter(org, alice, "trainings.participants", 2019, 120)

    this_year = figures(org)
    assert rows(this_year["trainings.sessions"]) == {"dilemmaspel": 1, "webinar": 1}
    assert this_year["trainings.participants"].total == 42
    assert rows(this_year["trainings.participants"]) == {"dilemmaspel": 2, "webinar": 40}
    assert figures(org, 2019)["trainings.participants"].entered


# --- Aantal adviezen van de coördinator integriteit -----------------------------------------


def test_advice_of_the_integrity_coordinator(org, personas):
    for date, topic in ((dt.date(YEAR, 1, 1), "side_jobs"), (dt.date(YEAR, 12, 31), "gifts_invitations")):
        make_advice(org, personas["alice"], date=date, topic=topic)
    make_advice(org, personas["alice"], date=dt.date(YEAR - 1, 12, 31), topic="side_jobs")
    assert figures(org)["advice.requests"].total == 2
    assert rows(figures(org)["advice.requests"]) == {"gifts_invitations": 1, "side_jobs": 1}


def test_every_key_the_template_needs_is_declared_by_an_app_that_exists(org):
    """The keys of the template's list whose app is merged; the others are skipped above."""
    present = set(registry.specs())
    merged = {
        "reports.wbk",
        "reports.reports",
        "reports.by_category",
        "cases.decisions",
        "cases.findings",
        "cases.outcomes",
        "cases.measures",
        "cases.retaliation_claims",
        "cases.retaliation_decisions",
        "consultations.conversations",
        "consultations.contacts",
        "advice.requests",
    }
    assert merged <= present
    assert registry.specs()["consultations.contacts"].enterable
    assert registry.specs()["reports.reports"].enterable
