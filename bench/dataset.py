"""The data set of the statistics and annual-report benchmarks (`make bench-statistics`,
`make bench-report`): a large organisation's years of records, each year

- 500 cases (opened through the year; most closed in the same year, some in the next, each
  closed one with its final summary for the council; a tenth investigated by an external
  bureau with costs; retaliation claims among them), with their findings and measures;
- 1,000 reports (every ground, category, channel; some closed, some in a case);
- 5,000 register entries (declarations: side jobs with their decision events, gifts,
  financial interests) of 2,000 people;
- 2,000 adviser contacts, and year totals of an external service;
- 100 advice requests.

Rows are written with ``bulk_create`` in batches of model instances, so every content field
goes through ``EncryptedTextField`` as the services write it; the audit events of creation
are left out (no figure reads them). Needs ``django.setup()`` first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

CASES = 500
REPORTS = 1_000
DECLARATIONS = 5_000
CONTACTS = 2_000
ADVICE = 100
PEOPLE = 2_000
BATCH = 2_000
DECISIONS = {"approved": "approve", "restricted": "approve_restricted", "refused": "refuse"}
DECIDED = {*DECISIONS, "ended"}


def prepare() -> None:
    """The bench writes the opening moment of each case itself (the services stamp "now")."""
    from open_integriteit.cases.models import Case

    Case._meta.get_field("created_at").auto_now_add = False  # type: ignore[union-attr]


def _moment(year: int, i: int, n: int) -> dt.datetime:
    """The ``i``-th of ``n`` moments spread over ``year`` (local time, some near midnight)."""
    from django.utils import timezone

    day = dt.date(year, 1, 1) + dt.timedelta(days=(i * 365) // max(n, 1) % 365)
    hour = 23 if i % 17 == 0 else 9 + i % 8
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, (i * 7) % 60)))


def _bulk(model: Any, rows: list[Any]) -> list[Any]:
    made: list[Any] = []
    for start in range(0, len(rows), BATCH):
        made += model.objects.bulk_create(rows[start : start + BATCH])
    return made


class World:
    """The organisation's fixed parts: users, people, lists, advisers."""

    def __init__(self, org: Any, username: str) -> None:
        from open_integriteit.accounts import services as account_services
        from open_integriteit.accounts.models import Role
        from open_integriteit.advice.topics import ADVICE_TOPICS
        from open_integriteit.consultations.models import Adviser, AdviserKind
        from open_integriteit.consultations.topics import TOPICS
        from open_integriteit.lists.models import ListEntry
        from open_integriteit.people.models import Person
        from open_integriteit.reports.typology import CATEGORIES

        self.org = org
        self.user = account_services.user_create(
            organisation=org, username=username, first_name="Alice", password="x" * 24, roles=[Role.COORDINATOR]
        )
        self.categories = list(ListEntry.objects.filter(organisation=org, kind=CATEGORIES.code, active=True))
        self.topics = list(ListEntry.objects.filter(organisation=org, kind=TOPICS.code))
        self.advice_topics = list(ListEntry.objects.filter(organisation=org, kind=ADVICE_TOPICS.code))
        self.internal = Adviser.objects.create(organisation=org, kind=AdviserKind.INTERNAL, display_name="Intern")
        self.external = Adviser.objects.create(organisation=org, kind=AdviserKind.EXTERNAL, display_name="Bureau")
        self.people = _bulk(
            Person,
            [
                Person(organisation=org, external_id=f"{org.pk}-{n}", kind="employee", surname=f"Invented {n}")
                for n in range(PEOPLE)
            ],
        )


def fill_year(world: World, year: int, scale: float) -> dict[str, int]:
    """One year of records of every app whose figures this bench reads."""
    from open_integriteit.advice.models import AdviceRequest
    from open_integriteit.cases.models import Allegation, Case, Finding, Measure
    from open_integriteit.consultations.models import Contact, YearTotal
    from open_integriteit.declarations.models import Declaration, DeclarationEvent
    from open_integriteit.reports.models import Report

    org, made = world.org, {}
    n_cases, n_reports = int(CASES * scale), int(REPORTS * scale)
    n_declarations, n_contacts, n_advice = int(DECLARATIONS * scale), int(CONTACTS * scale), int(ADVICE * scale)
    grounds = ["business_integrity", "unwanted_behaviour", "misstand", "other", "complaint"]

    cases = []
    for i in range(n_cases):
        opened = _moment(year, i, n_cases)
        closed = opened + dt.timedelta(days=30 + i % 120) if i % 5 else None
        decision = ["investigate", "informal", "refer", "no_action"][i % 4]
        external = i % 10 == 0
        cases.append(
            Case(
                organisation=org,
                reference=f"Z-{org.pk}-{year}-{i}",
                origin="retaliation" if i % 50 == 0 else "report",
                state="closed" if closed else "intake",
                title="Invented case",
                ground=grounds[i % len(grounds)],
                category=world.categories[i % len(world.categories)] if i % 3 else None,
                decision=decision,
                decision_at=opened + dt.timedelta(days=10),
                investigated_by="external" if external else "internal",
                external_bureau=f"Invented Bureau {i % 3}" if external else "",
                external_costs=Decimal(1000 + i) if external else None,
                outcome=["founded", "unfounded", "informal", "referred", "no_action", "disciplinary"][i % 6]
                if closed
                else "",
                created_at=opened,
                closed_at=closed,
                # Every closed case has its final summary for the council's table (adoption
                # of the annual report waits for it).
                summary_year=closed.year if closed else None,
                summary_principal="Invented principal" if closed else "",
                summary_description=f"Invented description of case {i}" if closed else "",
                summary_object="Invented object of investigation" if closed else "",
                summary_findings="Invented findings" if closed else "",
                summary_consequence="Invented consequence" if closed else "",
                summary_bureau=f"Invented Bureau {i % 3}" if closed and external else "",
                summary_final_at=closed,
            )
        )
    cases = _bulk(Case, cases)
    allegations = _bulk(
        Allegation, [Allegation(case=case, description="Invented") for case in cases for _ in range(1 + case.pk % 2)]
    )
    outcomes = ["founded", "partly_founded", "unfounded", "cannot_be_established"]
    _bulk(
        Finding,
        [Finding(allegation=a, outcome=outcomes[a.pk % 4], established_by=world.user) for a in allegations if a.pk % 3],
    )
    kinds = ["coaching", "training", "written_reprimand", "dismissal", "agreements"]
    _bulk(
        Measure,
        [
            Measure(case=case, kind=kinds[case.pk % 5], decided_on=case.created_at.date(), decided_by=world.user)
            for case in cases
            if case.pk % 2
        ],
    )
    made["cases"] = len(cases)

    reports = []
    for i in range(n_reports):
        closed = i % 4 == 0
        reports.append(
            Report(
                organisation=org,
                reference=f"M-{org.pk}-{year}-{i}",
                channel=["web", "phone", "letter", "via_adviser"][i % 4],
                ground=grounds[i % len(grounds)],
                category=world.categories[i % len(world.categories)] if i % 2 else None,
                reporter_type=["employee", "citizen", "hired"][i % 3],
                anonymity=["anonymous", "confidential", "open"][i % 3],
                status="closed" if closed else "acknowledged",
                closure_reason=["feedback", "withdrawn", "not_a_report", "forwarded"][i % 16 // 4] if closed else "",
                what_happened="Invented report",
                received_at=_moment(year, i, n_reports),
                closed_at=_moment(year, i, n_reports) + dt.timedelta(days=20) if closed else None,
            )
        )
    made["reports"] = len(_bulk(Report, reports))

    declarations = []
    for i in range(n_declarations):
        kind = ["side_job", "side_job", "gift", "gift", "financial_interest"][i % 5]
        state = ["approved", "restricted", "refused", "submitted", "ended", "withdrawn", "draft"][i % 7]
        submitted = _moment(year, i, n_declarations)
        declarations.append(
            Declaration(
                organisation=org,
                person=world.people[i % PEOPLE],
                kind=kind,
                state=state,
                submitted_at=submitted,
                decided_at=submitted + dt.timedelta(days=5) if state in DECIDED else None,
                body="Invented body" if kind == "side_job" else "",
                paid=bool(i % 2) if kind == "side_job" else None,
                giver="Invented giver" if kind == "gift" else "",
                received_on=submitted.date() if kind == "gift" else None,
                destination=["returned", "kept", "charity", ""][i % 4] if kind == "gift" else "",
            )
        )
    declarations = _bulk(Declaration, declarations)
    events = []
    for d in declarations:
        if d.decided_at is not None:
            decided = "approved" if d.state == "ended" else d.state
            events.append(
                DeclarationEvent(
                    declaration=d,
                    transition=DECISIONS[decided],
                    from_state="submitted",
                    to_state=decided,
                    by=world.user,
                    at=d.decided_at,
                )
            )
    _bulk(DeclarationEvent, events)
    made["declarations"] = len(declarations)

    contacts = [
        Contact(
            organisation=org,
            adviser=world.internal,
            date=_moment(year, i, n_contacts).date(),
            topic=world.topics[i % len(world.topics)],
            conversations=1 + i % 3,
            led_to_report=i % 9 == 0,
        )
        for i in range(n_contacts)
    ]
    made["contacts"] = len(_bulk(Contact, contacts))
    _bulk(
        YearTotal,
        [
            YearTotal(organisation=org, adviser=world.external, year=year, topic=topic, contacts=10, conversations=14)
            for topic in world.topics
        ],
    )
    advice = [
        AdviceRequest(
            organisation=org,
            date=_moment(year, i, n_advice).date(),
            received_via=["coordinator", "hr", "manager"][i % 3],
            topic=world.advice_topics[i % len(world.advice_topics)],
            question="Invented question",
            advice="Invented advice",
            anonymised_summary="Invented summary",
            registered_by=world.user,
        )
        for i in range(n_advice)
    ]
    made["advice"] = len(_bulk(AdviceRequest, advice))
    return made


def large_organisation(small_year: int) -> World:
    """The large organisation (no records yet), beside a small one with a twentieth of a year
    of records in ``small_year``, so every figure must filter by organisation."""
    from open_integriteit.organisations.models import OrganisationKind
    from open_integriteit.organisations.services import organisation_create

    prepare()
    org = organisation_create(name="Provincie Benchmark", slug="bench", kind=OrganisationKind.PROVINCE)
    small = organisation_create(name="Gemeente Klein", slug="klein", kind=OrganisationKind.MUNICIPALITY)
    fill_year(World(small, "bea"), small_year, 0.05)
    return World(org, "alice")
