#!/usr/bin/env python3
"""Statistics benchmark: `make bench-statistics` (issue 9, ADR 0025).

What it builds (in a fresh database, with this run's own keys): one large organisation with
ten years (2016–2025) of records, each year 500 cases, 1,000 reports, 5,000 register entries,
2,000 adviser contacts and 100 advice requests (``bench/dataset.py``, shared with
`make bench-report`), plus one small organisation with a year of each, so every figure
filters by organisation.

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
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from common import run_inner
from dataset import fill_year, large_organisation

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
RESULTS = ROOT / "bench" / "results" / "statistics.json"
TARGET_SECONDS = 1.0
FIRST_YEAR = 2016
YEARS = 10
RUNS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the records per year (default 1)")
    parser.add_argument("--slowest", action="store_true", help="diagnostics: the slowest queries of one year")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args)
    return run_inner(__file__, "oi_statisticsbench", sys.argv[1:])


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

    from open_integriteit.figures import registry

    call_command("migrate", interactive=False, verbosity=0)
    engine = connection.vendor
    print(f"statistics bench on {engine}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    world = large_organisation(FIRST_YEAR)
    org = world.org
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
