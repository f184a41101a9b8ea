#!/usr/bin/env python3
"""Statistics benchmark: `make bench-statistics` (issue 9, ADR 0025).

What it builds (in a fresh database, with this run's own keys): one large organisation with
ten years (2016–2025) of records, each year

- 500 cases (opened through the year; most closed in the same year, some in the next; a
  tenth investigated by an external bureau with costs; retaliation claims among them), with
  their findings and measures;
- 1,000 reports (every ground, category, channel; some closed, some in a case);
- 5,000 register entries (declarations: side jobs with their decision events, gifts,
  financial interests) of 2,000 people;
- 2,000 adviser contacts, and year totals of an external service;
- 100 advice requests;

plus one small organisation with a year of each, so every figure filters by organisation.
Rows are written with ``bulk_create`` in batches of model instances, so every content field
goes through ``EncryptedTextField`` as the services write it; the audit events of creation
are left out (no figure reads them).

What it measures:

- the queries of ``figures.registry.year_figures`` per figure (``keys=[key]``) for a year,
  with one year of data and again with ten: target the same count (constant, never one per
  record);
- the wall-clock time of ``year_figures`` for all ten years, all figures together (the
  annual report's range): target < 1 s. Median of five runs, and the slowest, with this
  process's CPU time beside it: on SQLite all the work is in this process, so when the load
  average is above the number of CPUs the target is judged on the CPU time, and it says so.

Runs on SQLite in a temporary directory, or on PostgreSQL when DATABASE_URL is set (in a
database ``oi_statisticsbench_<pid>`` created on that server and dropped at the end). Prints
a table, writes bench/results/statistics.json and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from common import run_inner

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
RESULTS = ROOT / "bench" / "results" / "statistics.json"
TARGET_SECONDS = 1.0
FIRST_YEAR = 2016
YEARS = 10
CASES = 500
REPORTS = 1_000
DECLARATIONS = 5_000
CONTACTS = 2_000
ADVICE = 100
PEOPLE = 2_000
BATCH = 2_000
RUNS = 5
DECISIONS = {"approved": "approve", "restricted": "approve_restricted", "refused": "refuse"}
DECIDED = {*DECISIONS, "ended"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the records per year (default 1)")
    parser.add_argument("--slowest", action="store_true", help="diagnostics: the slowest queries of one year")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args)
    return run_inner(__file__, "oi_statisticsbench", sys.argv[1:])


# --------------------------------------------------------------------------- invented data


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


# --------------------------------------------------------------------------- measuring


def queries_per_figure(org: Any, year: int) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from open_integriteit.figures import registry

    counts = {}
    for key in registry.specs():
        with CaptureQueriesContext(connection) as captured:
            registry.year_figures(organisation=org, year=year, keys=[key])
        counts[key] = len(captured)
    return counts


def slowest_queries(org: Any, year: int, count: int = 8) -> None:
    """Each query of ``year_figures`` for one year, timed, the slowest first."""
    from django.db import connection

    from open_integriteit.figures import registry

    timed: list[tuple[float, str]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(wrapper):
        registry.year_figures(organisation=org, year=year)
    for seconds, sql in sorted(timed, reverse=True)[:count]:
        print(f"{seconds * 1000:7.1f} ms  {sql[:400]}")


def inner(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from open_integriteit.cases.models import Case
    from open_integriteit.figures import registry
    from open_integriteit.organisations.models import OrganisationKind
    from open_integriteit.organisations.services import organisation_create

    call_command("migrate", interactive=False, verbosity=0)
    engine = connection.vendor
    print(f"statistics bench on {engine}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    # The bench writes the opening moment of each case itself (the services stamp "now").
    Case._meta.get_field("created_at").auto_now_add = False  # type: ignore[union-attr]

    org = organisation_create(name="Provincie Benchmark", slug="bench", kind=OrganisationKind.PROVINCE)
    small = organisation_create(name="Gemeente Klein", slug="klein", kind=OrganisationKind.MUNICIPALITY)
    world = World(org, "alice")
    fill_year(World(small, "bea"), FIRST_YEAR, 0.05)
    years = list(range(FIRST_YEAR, FIRST_YEAR + YEARS))

    started = time.perf_counter()
    made = fill_year(world, FIRST_YEAR, args.scale)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"year {FIRST_YEAR}: {json.dumps(made)} in {time.perf_counter() - started:.1f} s", flush=True)
    one_year = queries_per_figure(org, FIRST_YEAR)

    for year in years[1:]:
        started = time.perf_counter()
        made = fill_year(world, year, args.scale)
        print(f"year {year}: {json.dumps(made)} in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    ten_years = queries_per_figure(org, FIRST_YEAR)

    if args.slowest:
        slowest_queries(org, years[-1])
    registry.range_figures(organisation=org, years=years)  # warm-up
    timings, cpu_timings = [], []
    for _ in range(RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = registry.range_figures(organisation=org, years=years)
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)
    seconds, cpu_seconds = statistics.median(timings), statistics.median(cpu_timings)
    figures_per_year = len(result[FIRST_YEAR])

    per_app = {}
    for module in registry._modules():
        started = time.perf_counter()
        for year in years:
            module.figures(organisation=org, year=year)
        per_app[module.__name__.split(".")[1]] = time.perf_counter() - started
    print("\nper app, all ten years: " + ", ".join(f"{app} {s * 1000:.0f} ms" for app, s in per_app.items()))
    print(f"\n{'figure':<40} {'queries, 1 year':>16} {'10 years':>9}")
    constant = True
    for key in one_year:
        same = one_year[key] == ten_years[key]
        constant &= same
        print(f"{key:<40} {one_year[key]:>16} {ten_years[key]:>9}{'' if same else '  GROWS'}")
    sample = result[years[-1]]
    print(
        f"\nyear_figures for {YEARS} years x {figures_per_year} figures: median {seconds * 1000:.0f} ms, "
        f"slowest {max(timings) * 1000:.0f} ms (target < {TARGET_SECONDS * 1000:.0f} ms); "
        f"cpu {cpu_seconds * 1000:.0f} ms"
    )
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(
            "warning: the load average is above the number of CPUs: other processes compete with the benchmark; "
            + (
                "on SQLite all the work is in this process, so the cpu figure is close to what an idle machine takes"
                if engine == "sqlite"
                else "the cpu figure leaves out the database server's work"
            )
        )
    print(
        f"{years[-1]}: cases opened {sample['cases.opened'].total}, closed {sample['cases.closed'].total}, "
        f"reports {sample['reports.reports'].total}, contacts {sample['consultations.contacts'].total}, "
        f"side jobs approved {sample['declarations.side_jobs'].total}, gifts {sample['declarations.gifts'].total}"
    )
    # On a machine busier than its CPUs the wall clock measures the other processes too; on
    # SQLite all the work is in this process, so then the CPU time is what is judged (said so).
    overloaded = engine == "sqlite" and os.getloadavg()[0] > (os.cpu_count() or 1)
    fast = seconds < TARGET_SECONDS or (overloaded and cpu_seconds < TARGET_SECONDS)
    if fast and seconds >= TARGET_SECONDS:
        print(f"target met on CPU time only ({cpu_seconds * 1000:.0f} ms): the machine is overloaded")
    ok = constant and fast
    results = {
        "engine": engine,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        "years": YEARS,
        "scale": args.scale,
        "figures": figures_per_year,
        "median_seconds": round(seconds, 3),
        "slowest_seconds": round(max(timings), 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "per_app_seconds": {app: round(s, 3) for app, s in per_app.items()},
        "queries_one_year": one_year,
        "queries_ten_years": ten_years,
        "ok": ok,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    checks = (("queries grow with data", not constant), ("too slow", not fast))
    problems = [text for text, bad in checks if bad]
    print("OK" if ok else "FAIL: " + "; ".join(problems))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
