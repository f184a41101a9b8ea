#!/usr/bin/env python3
"""Submission benchmark: `make bench`.

Starts the production server (gunicorn) on 127.0.0.1 against a fresh database in a
temporary directory with its own keys (never var/local.env), lets 8 concurrent clients
submit anonymous reports through the public form (GET for the CSRF token, then POST and
the GET of the receipt page it redirects to; the POST and that GET are timed together,
the reporter waits for both) and prints total, errors, submissions per second and
p50/p95/p99 of the submission.

Runs on the embedded SQLite database, and again on PostgreSQL when DATABASE_URL is set
(in a dedicated database ``oi_bench_<pid>`` created on that server and dropped at the
end). ``--cluster`` (``make bench-cluster``) measures PostgreSQL with one server and then
with two servers on one database and Redis (REDIS_URL, default redis://127.0.0.1:6379/14,
keys under a prefix of the run), files in the database, the clients spread over both.
Results also go to bench/results/latest.json. Exit status 1 on any error, on
"database is locked" in the server log, or on a timeout.

The server gets its limits through environment variables: the submission limits
(``OI_SUBMISSION_LIMIT_CLIENT``, ``OI_SUBMISSION_LIMIT_ORGANISATION``) are raised to a
million, because every client submits from 127.0.0.1.

Standard library only (plus psycopg from the project's venv for the PostgreSQL run).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import http.client
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

from common import BenchError, free_port, pg_create, pg_drop

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
RESULTS = ROOT / "bench" / "results" / "latest.json"
HOST = "127.0.0.1"  # the only address this script ever talks to
ORG_SLUG = "bench"
RECEIPT_MARKER = b'data-testid="receipt-code"'
TOKEN_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TITLE_RE = re.compile(rb"<title>\s*([^<]*?)\s*</title>", re.IGNORECASE | re.DOTALL)
LOCKED_RE = re.compile(r"database is locked", re.IGNORECASE)

# The production server exactly as `make run` starts it (keep the two in step): gunicorn's
# gthread worker, 3 processes x 2 threads, default keep-alive (2 s). Why on 2 cores:
# a submission is mostly Python (GIL-bound: forms, ORM, templates) plus argon2id, which
# runs in C without the GIL. 3 processes (> cores) keep both cores busy while one process
# waits for the database or a client; 2 threads per process overlap that waiting without
# long GIL queues. GIL queues are what hurts: a thread that holds the SQLite write lock
# and then waits for the GIL stretches the lock for every other writer, so 2 x 4 threads
# measured a worse p95/p99 (about 125-135 / 150-185 ms against 80-125 / 90-140 ms).
# 8 clients on 6 slots is fine: the machine is CPU-bound, so more slots only add
# contention. Measured alternatives (2000 submissions, SQLite and PostgreSQL): 2x2 with
# --keep-alive 0 equal within noise, 3x2 with --keep-alive 0 slightly worse, 2x4 worse.
# Caveat: gthread pins a kept-alive connection to the process that accepted it, so the
# 8 persistent client connections are spread over the 3 processes by chance (seen: 4/4/0);
# that is the main source of run-to-run variance (about +-15 ms on p95).
DEFAULT_WORKERS = 3
DEFAULT_THREADS = 2
DEFAULT_KEEP_ALIVE = 2
BUSY_SHARE = 0.2  # CPU share used by other processes above which the numbers are unreliable


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)  # seconds, counted POSTs that succeeded
    error_latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    get_errors: Counter[str] = field(default_factory=Counter)
    attempted: int = 0
    started: float = 0.0
    finished: float = 0.0
    timed_out: bool = False


# --------------------------------------------------------------------------- environment


def _fresh_keys() -> dict[str, str]:
    """The same kinds of keys as scripts/init_local_env.py, generated for this run only."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "OI_ENCRYPTION_KEYS": f"k1:{base64.b64encode(secrets.token_bytes(32)).decode()}",
        "OI_ACTIVE_KEY_ID": "k1",
        "OI_RECEIPT_PEPPER": base64.b64encode(secrets.token_bytes(32)).decode(),
        "OI_AUDIT_KEY": f"a1:{base64.b64encode(secrets.token_bytes(32)).decode()}",
        "OI_CLIENT_HASH_KEY": secrets.token_urlsafe(32),
    }


def _server_env(
    workdir: Path, keys: dict[str, str], database_url: str, extra: dict[str, str] | None = None
) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing of the caller's Open Integriteit configuration leaks into the bench.
        if not key.startswith("OI_") and key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}
    }
    env.update(keys)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "open_integriteit.conf.dev",
            "DEBUG": "false",
            "OI_ENV_FILE": str(workdir / "bench.env"),  # does not exist: var/local.env is never read
            "OI_VAR_DIR": str(workdir),
            "OI_SQLITE_PATH": str(workdir / "db.sqlite3"),
            "OI_FILE_ROOT": str(workdir / "files"),
            "OI_BASE_URL": "http://127.0.0.1",
            # All clients share 127.0.0.1 and submit 2000+ reports in a minute: raise the
            # submission limits so they are still counted (and their cost measured) but never refuse.
            "OI_SUBMISSION_LIMIT_CLIENT": "1000000",
            "OI_SUBMISSION_LIMIT_ORGANISATION": "1000000",
            "DATABASE_URL": database_url,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


SETUP_SNIPPET = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from open_integriteit.organisations.services import organisation_create
organisation_create(name="Benchmark", slug={ORG_SLUG!r}, kind="province")
"""


def _prepare_database(env: dict[str, str], workdir: Path) -> None:
    log = workdir / "setup.log"
    with open(log, "w", encoding="utf-8") as out:
        result = subprocess.run(
            [sys.executable, "-c", SETUP_SNIPPET], cwd=SRC, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=300
        )
    if result.returncode != 0:
        raise BenchError(f"migrate/collectstatic/organisation failed:\n{log.read_text(encoding='utf-8')[-3000:]}")


# --------------------------------------------------------------------------- PostgreSQL


def _redis_forget(url: str, prefix: str) -> None:
    import redis  # from the project's venv

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"*{prefix}*", count=500):
        client.delete(key)


# --------------------------------------------------------------------------- server


class Server:
    def __init__(
        self, env: dict[str, str], log_path: Path, workers: int, threads: int, extra: tuple[str, ...] = ()
    ) -> None:
        self.port = free_port()
        self.log_path = log_path
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "open_integriteit.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--graceful-timeout",
            "10",
            *extra,
        ]
        # Own process group, so Ctrl+C in the terminal reaches only this script, which
        # then stops the server in order (SIGTERM = gunicorn's graceful shutdown).
        self.process = subprocess.Popen(
            command, cwd=SRC, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", f"/melden/{ORG_SLUG}/formulier/")
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


# --------------------------------------------------------------------------- clients


class Client:
    """One reporter's browser: a persistent connection and its own cookie jar."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.location = ""
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def _headers(self) -> dict[str, str]:
        headers = {"Host": f"{HOST}:{self.port}", "Connection": "keep-alive", "Accept-Language": "nl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _request(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, bytes]:
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()  # the next request reconnects
            raise
        self.location = response.getheader("Location", "")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def form_token(self, path: str) -> str:
        try:
            status, body = self._request("GET", path, None, self._headers())
        except (http.client.HTTPException, OSError):
            # A kept-alive connection the server closed just now: retry once on a new one.
            status, body = self._request("GET", path, None, self._headers())
        match = TOKEN_RE.search(body)
        if status != 200 or not match:
            raise RuntimeError(f"GET form: {_describe(status, body)}")
        return match.group(1).decode()

    def submit(self, path: str, token: str, text: str) -> tuple[float, int, bytes]:
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "ground": "misstand",
                "what_happened": text,
                "reported_elsewhere": "no",
                "reporter_type": "citizen",
                "anonymity": "anonymous",
            }
        ).encode()
        headers = self._headers()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        start = time.perf_counter()
        status, data = self._request("POST", path, body, headers)
        if status in (302, 303) and self.location:
            # Post/redirect/get: the receipt code is on the page the post redirects to; the
            # reporter waits for both, so both count in the latency.
            status, data = self._request("GET", urlparse(self.location).path, None, self._headers())
        return time.perf_counter() - start, status, data

    def close(self) -> None:
        self.conn.close()


def _describe(status: int, body: bytes) -> str:
    title = TITLE_RE.search(body)
    first = next((raw.strip() for raw in body.splitlines() if raw.strip()), b"(empty body)")
    line = title.group(1) if title else first
    return f"HTTP {status}: {line.decode('utf-8', 'replace')[:160]}"


def _run_clients(
    ports: list[int], clients: int, total: int, warmup: int, deadline: float, stop: threading.Event
) -> Outcome:
    path = f"/melden/{ORG_SLUG}/formulier/"
    outcome = Outcome()
    lock = threading.Lock()
    tickets = iter(range(total))
    start_barrier = threading.Barrier(clients + 1)

    def one(client: Client, n: int, counted: bool) -> None:
        text = f"Benchmark-melding {n}: bij de afdeling inkoop worden offertes onderhands gegund. " * 3
        try:
            token = client.form_token(path)
        except Exception as exc:  # every failure is a counted error
            with lock:
                if counted:
                    outcome.attempted += 1
                    outcome.errors[str(exc) if isinstance(exc, RuntimeError) else f"GET: {exc!r}"] += 1
                else:
                    outcome.get_errors[str(exc)] += 1
            return
        try:
            elapsed, status, data = client.submit(path, token, text)
        except Exception as exc:  # idem
            with lock:
                if counted:
                    outcome.attempted += 1
                    outcome.errors[f"POST: {exc!r}"] += 1
            return
        if not counted:
            return
        with lock:
            outcome.attempted += 1
            if status == 200 and RECEIPT_MARKER in data:
                outcome.latencies.append(elapsed)
            else:
                outcome.error_latencies.append(elapsed)
                outcome.errors[_describe(status, data)] += 1

    def worker(index: int) -> None:
        client = Client(ports[index % len(ports)])  # two servers: every other client on each
        try:
            share = warmup // clients + (1 if index < warmup % clients else 0)
            for n in range(share):
                if stop.is_set() or time.monotonic() > deadline:
                    break
                one(client, n, counted=False)
            try:
                start_barrier.wait(timeout=max(1.0, deadline - time.monotonic()))
            except threading.BrokenBarrierError:
                return
            while not stop.is_set():
                if time.monotonic() > deadline:
                    with lock:
                        outcome.timed_out = True
                    break
                with lock:
                    ticket = next(tickets, None)
                if ticket is None:
                    break
                one(client, ticket, counted=True)
        finally:
            client.close()

    threads = [threading.Thread(target=worker, args=(i,), name=f"client-{i}", daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    try:
        start_barrier.wait(timeout=max(1.0, deadline - time.monotonic()))
    except threading.BrokenBarrierError:
        stop.set()
        outcome.timed_out = True
    outcome.started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=max(0.1, deadline - time.monotonic() + 35))
    outcome.finished = time.perf_counter()
    if any(thread.is_alive() for thread in threads):
        outcome.timed_out = True
        stop.set()
    return outcome


# --------------------------------------------------------------------------- reporting


def _percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list, in milliseconds."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(pct / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1] * 1000


def _summarise(
    database: str, clients: int, outcome: Outcome, server_log: str, config: dict[str, Any]
) -> dict[str, Any]:
    times = sorted(outcome.latencies + outcome.error_latencies)
    duration = max(outcome.finished - outcome.started, 1e-9)
    locked = len(LOCKED_RE.findall(server_log))
    tracebacks = server_log.count("Traceback (most recent call last)")
    return {
        "database": database,
        "clients": clients,
        "total": outcome.attempted,
        "ok": len(outcome.latencies),
        "errors": sum(outcome.errors.values()),
        "submissions_per_second": round(len(outcome.latencies) / duration, 1),
        "duration_s": round(duration, 2),
        "p50_ms": round(_percentile(times, 50), 1),
        "p95_ms": round(_percentile(times, 95), 1),
        "p99_ms": round(_percentile(times, 99), 1),
        "max_ms": round(times[-1] * 1000, 1) if times else None,
        "mean_ms": round(statistics.fmean(times) * 1000, 1) if times else None,
        "database_locked_in_server_log": locked,
        "tracebacks_in_server_log": tracebacks,
        "timed_out": outcome.timed_out,
        "error_samples": dict(outcome.errors.most_common(5)),
        "warmup_errors": dict(outcome.get_errors.most_common(5)),
        **config,
    }


def _result_line(result: dict[str, Any]) -> str:
    return (
        f"database: {result['database']} | clients: {result['clients']} | total: {result['total']} | "
        f"errors: {result['errors']} | submissions/s: {result['submissions_per_second']:.1f} | "
        f"p50: {result['p50_ms']:.0f} ms | p95: {result['p95_ms']:.0f} ms | p99: {result['p99_ms']:.0f} ms"
    )


SETUPS = {
    "sqlite": "1 server, SQLite",
    "postgresql": "1 server, PostgreSQL",
    "postgresql-2-servers": "2 servers, PostgreSQL + Redis, files in the database",
}


def _side_by_side(results: list[dict[str, Any]]) -> str:
    """The runs of this invocation one under the other, relative to the first (quotable)."""
    base = results[0]
    width = max(len(SETUPS.get(r["database"], r["database"])) for r in results)
    lines = [f"side by side ({base['clients']} clients, {base['requested']} submissions each):"]
    for result in results:
        line = (
            f"  {SETUPS.get(result['database'], result['database']):<{width}} | errors: {result['errors']} | "
            f"submissions/s: {result['submissions_per_second']:6.1f} | p95: {result['p95_ms']:4.0f} ms"
        )
        if result is not base and base["submissions_per_second"] and base["p95_ms"]:
            line += (
                f" | throughput x{result['submissions_per_second'] / base['submissions_per_second']:.2f}, "
                f"p95 x{result['p95_ms'] / base['p95_ms']:.2f}"
            )
        lines.append(line)
    return "\n".join(lines)


def _failed(result: dict[str, Any]) -> bool:
    return bool(
        result["errors"]
        or result["database_locked_in_server_log"]
        or result["timed_out"]
        or result["total"] < result["requested"]
    )


# --------------------------------------------------------------------------- main


def _cpu_busy(seconds: float = 1.0) -> float | None:
    """Share of the machine's CPU time in use (by anything) over ``seconds``; None off Linux."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as handle:
            values = [int(v) for v in handle.readline().split()[1:9]]
        return values[3] + values[4], sum(values)  # idle + iowait, total

    try:
        idle_a, total_a = sample()
        time.sleep(seconds)
        idle_b, total_b = sample()
    except OSError:
        return None
    return 1 - (idle_b - idle_a) / max(1, total_b - total_a)


def bench_one(
    database: str,
    args: argparse.Namespace,
    workdir: Path,
    keys: dict[str, str],
    database_url: str,
    servers: int = 1,
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    if args.without_counters:
        extra_env = {**(extra_env or {}), "OI_SUBMISSION_LIMIT_CLIENT": "0", "OI_SUBMISSION_LIMIT_ORGANISATION": "0"}
    env = _server_env(workdir, keys, database_url, extra_env)
    print(f"[{database}] preparing database (migrate, collectstatic, organisation) ...", flush=True)
    _prepare_database(env, workdir)
    log_path = workdir / f"server-{database}.log"
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    extra = ("--keep-alive", str(args.keep_alive))
    running = [
        Server(env, log_path.with_name(f"{log_path.stem}-{n}.log"), args.workers, args.threads, extra)
        for n in range(servers)
    ]
    stop = threading.Event()
    try:
        for server in running:
            server.wait_ready()
        print(
            f"[{database}] {servers} x gunicorn on {HOST}:{','.join(str(s.port) for s in running)} "
            f"({args.workers} workers x {args.threads} threads each); "
            f"{args.warmup} warm-up + {args.total} counted submissions from {args.clients} clients ...",
            flush=True,
        )
        deadline = time.monotonic() + args.timeout
        try:
            outcome = _run_clients([s.port for s in running], args.clients, args.total, args.warmup, deadline, stop)
        except KeyboardInterrupt:
            stop.set()
            raise
    finally:
        for server in running:
            server.stop()
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    server_log = "".join(s.log_path.read_text(encoding="utf-8", errors="replace") for s in running)
    config = {
        "requested": args.total,
        "warmup": args.warmup,
        "servers": servers,
        "gunicorn_workers": args.workers,
        "gunicorn_threads": args.threads,
        "gunicorn_keep_alive": args.keep_alive,
        # CPU seconds over the server's whole life (start-up and warm-up included).
        "server_cpu_s": round(
            (children_after.ru_utime + children_after.ru_stime) - (children_before.ru_utime + children_before.ru_stime),
            2,
        ),
        "client_cpu_s": round(
            (self_after.ru_utime + self_after.ru_stime) - (self_before.ru_utime + self_before.ru_stime), 2
        ),
    }
    result = _summarise(database, args.clients, outcome, server_log, config)
    if result["database_locked_in_server_log"] or result["tracebacks_in_server_log"]:
        for server in running:
            print(
                f"[{database}] server log ({server.log_path.name}), last lines:\n{server.log_tail(2000)}",
                file=sys.stderr,
            )
    return result


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # Ctrl+C and `kill` both end in the clean-up below (server stopped, database dropped),
    # also when started from a shell that ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--total", type=int, default=2000, help="counted submissions per database (>= 1)")
    parser.add_argument("--warmup", type=int, default=40, help="submissions before measuring, not counted")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="gunicorn threads per worker")
    parser.add_argument("--keep-alive", type=int, default=DEFAULT_KEEP_ALIVE, help="gunicorn --keep-alive seconds")
    parser.add_argument("--timeout", type=float, default=600, help="hard limit in seconds per database")
    parser.add_argument(
        "--database",
        choices=["auto", "sqlite", "postgres"],
        default="auto",
        help="auto: SQLite, plus PostgreSQL when DATABASE_URL is set",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs) for inspection")
    parser.add_argument(
        "--without-counters",
        action="store_true",
        help="diagnosis only: submission limits off (0), so the rate counters cost nothing",
    )
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="PostgreSQL with one server, then two servers sharing the database and Redis (needs DATABASE_URL)",
    )
    args = parser.parse_args()
    if args.clients < 1 or args.total < 1 or args.warmup < 0:
        parser.error("--clients and --total must be >= 1, --warmup >= 0")

    admin_url = os.environ.get("DATABASE_URL", "")
    runs: list[str] = []
    if args.database in {"auto", "sqlite"}:
        runs.append("sqlite")
    if args.cluster:
        if not admin_url:
            parser.error("--cluster needs DATABASE_URL")
        runs = ["postgresql", "postgresql-2-servers"]
    elif args.database == "postgres" or (args.database == "auto" and admin_url):
        if not admin_url:
            parser.error("--database postgres needs DATABASE_URL")
        runs.append("postgresql")

    load_before = os.getloadavg()[0]
    busy = _cpu_busy()
    if busy is not None and busy > BUSY_SHARE:
        print(
            f"warning: {busy:.0%} of the CPU is in use before the start; other processes compete with the "
            "benchmark and the latencies will be higher than on an idle machine",
            file=sys.stderr,
        )
    workdir = Path(tempfile.mkdtemp(prefix="oi-bench-"))
    keys = _fresh_keys()
    results: list[dict[str, Any]] = []
    exit_code = 0
    pg_url = ""
    try:
        for database in runs:
            try:
                if database == "postgresql-2-servers":
                    pg_url = pg_create(admin_url, "oi_bench")
                    prefix = f"oi_bench_{os.getpid()}"
                    cluster_env = {
                        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
                        "OI_REDIS_PREFIX": prefix,
                        "OI_FILE_STORAGE": "database",
                    }
                    try:
                        result = bench_one(database, args, workdir, keys, pg_url, servers=2, extra_env=cluster_env)
                    finally:
                        _redis_forget(cluster_env["REDIS_URL"], prefix)
                elif database == "postgresql":
                    pg_url = pg_create(admin_url, "oi_bench")
                    result = bench_one(database, args, workdir, keys, pg_url)
                else:
                    result = bench_one(database, args, workdir, keys, "")
            except BenchError as exc:
                print(f"[{database}] {exc}", file=sys.stderr)
                exit_code = 1
                continue
            finally:
                if database.startswith("postgresql") and pg_url:
                    pg_drop(admin_url, pg_url)
                    pg_url = ""
            results.append(result)
            print(_result_line(result), flush=True)
            if result["errors"]:
                print(f"  error samples: {json.dumps(result['error_samples'], ensure_ascii=False)}")
            if result["database_locked_in_server_log"]:
                print(f"  'database is locked' in server log: {result['database_locked_in_server_log']} times")
            if result["timed_out"]:
                print(f"  timed out after {args.timeout:.0f} s")
            if _failed(result):
                exit_code = 1
    except KeyboardInterrupt:
        print("\ninterrupted: server stopped", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            print(f"temporary directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    if len(results) > 1:
        print(_side_by_side(results), flush=True)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "generated_at": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpu_busy_before": None if busy is None else round(busy, 2),
                    "load_average_before": round(load_before, 2),
                    "load_average_after": round(os.getloadavg()[0], 2),
                },
                "results": results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"results written to {os.path.relpath(RESULTS, ROOT)}")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
