#!/usr/bin/env python3
"""Per-submission server cost, without the noise of a shared machine: `make bench-profile`.

Prepares a fresh SQLite database in a temporary directory (fresh keys, like `make bench`),
then sends anonymous submissions through Django's test client (the whole middleware
stack, the real view, service, audit chain and counters) and prints per submission:
SQL queries (and how many write statements / transactions), the CPU time of each of its
three requests (the form, the POST, the receipt page it redirects to; measured without
the profiler), the number of Python function calls (independent of machine load), and the
top functions by cumulative time under cProfile. Relative figures: compare before/after.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from submit_bench import ORG_SLUG, TOKEN_RE, _fresh_keys, _server_env  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="oi-profile-"))
    try:
        return _profile(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _profile(args: argparse.Namespace, workdir: Path) -> int:
    env = _server_env(workdir, _fresh_keys(), "")  # SQLite only: never a database of the caller
    os.environ.update(env)
    # As under gunicorn (src/gunicorn.conf.py): metrics written to per-process files.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(workdir / "metrics")
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], mode=0o700)
    os.umask(0o077)
    os.chdir(ROOT / "src")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from open_integriteit.organisations.services import organisation_create

    organisation_create(name="Benchmark", slug=ORG_SLUG, kind="province")
    path = f"/melden/{ORG_SLUG}/formulier/"
    client = Client(HTTP_ACCEPT_LANGUAGE="nl", HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)

    def submit(n: int, times: dict[str, list[float]] | None = None) -> None:
        """One reporter's submission: the form, the POST and the receipt page it redirects to."""
        start = time.process_time()
        body = client.get(path).content
        form_cpu = time.process_time() - start
        match = TOKEN_RE.search(body)
        assert match, body[:500]
        text = f"Benchmark-melding {n}: bij de afdeling inkoop worden offertes onderhands gegund. " * 3
        start = time.process_time()
        response = client.post(
            path,
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "ground": "misstand",
                "what_happened": text,
                "reported_elsewhere": "no",
                "reporter_type": "citizen",
                "anonymity": "anonymous",
            },
        )
        post_cpu = time.process_time() - start
        assert response.status_code == 302, response.status_code
        start = time.process_time()
        response = client.get(response["Location"])  # post/redirect/get: part of the submission
        receipt_cpu = time.process_time() - start
        assert response.status_code == 200 and b'data-testid="receipt-code"' in response.content, response.status_code
        if times is not None:
            times["form"].append(form_cpu)
            times["post"].append(post_cpu)
            times["receipt"].append(receipt_cpu)

    for n in range(20):  # warm-up: imports, templates, connection
        submit(n)

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    get_queries = len(queries.captured_queries)
    token = TOKEN_RE.search(client.get(path).content)
    assert token
    with CaptureQueriesContext(connection) as queries:
        submit(10_000)
    sql = [q["sql"] for q in queries.captured_queries]
    writes = [s for s in sql if re.match(r"\s*(INSERT|UPDATE|DELETE)", s, re.I)]
    begins = [s for s in sql if re.match(r"\s*(BEGIN|SAVEPOINT)", s, re.I)]

    # CPU per request without the profiler (which would inflate it), then the profile.
    times: dict[str, list[float]] = {"form": [], "post": [], "receipt": []}
    for n in range(args.submissions):
        submit(100 + n, times)
    profiler = cProfile.Profile()
    wall = time.perf_counter()
    profiler.enable()
    for n in range(args.submissions):
        submit(100_000 + n)
    profiler.disable()
    wall = time.perf_counter() - wall

    stats = pstats.Stats(profiler)
    calls = stats.total_calls  # type: ignore[attr-defined]
    print(f"database: {connection.vendor}")
    print(
        f"queries: GET form {get_queries}; whole submission (form, POST, receipt page) {len(sql)} "
        f"({len(writes)} writes, {len(begins)} BEGIN/SAVEPOINT)"
    )
    for statement in sql:
        print(f"  {statement[:150]}")
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(
        f"CPU per request over {args.submissions} submissions (median, without the profiler): "
        f"GET form {medians['form']:.2f} ms, POST {medians['post']:.2f} ms, GET receipt page "
        f"{medians['receipt']:.2f} ms; together {sum(medians.values()):.2f} ms"
    )
    print(
        f"GET form + POST + GET receipt page per submission under the profiler: {calls / args.submissions:.0f} "
        f"Python function calls (noise-free), {wall / args.submissions * 1000:.1f} ms wall"
    )
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(args.top)
    if os.environ.get("OI_PROFILE_DUMP"):
        stats.dump_stats(os.environ["OI_PROFILE_DUMP"])
    print(out.getvalue())
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
