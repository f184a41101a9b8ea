#!/usr/bin/env python3
"""Declaration-register benchmark: `make bench-registers`.

What it builds (in a fresh database, with this run's own keys):

- 300 small organisations, each with a few units, posts and people (officials among them)
  and declarations of every kind and state;
- one large organisation whose 50,000 people come in through the HR import exactly as the
  register clerk runs it: the file is uploaded to the import page (``people:import``) by a
  logged-in register clerk, first as a dry run, then imported, then the same file again
  (which must change nothing). Each of the three is timed; the import must take < 60 s;
- then 200,000 declarations of those people (side jobs, financial interests, gifts; every
  state: draft, submitted, approved, approved with a restriction, refused, withdrawn,
  ended), officials among them, posts with and without publication duty, with their event
  history (submitted, decided, withdrawn, ended).

Declarations and events are written with ``bulk_create`` in batches of model instances, so
every content field goes through ``EncryptedTextField`` (AES-GCM) exactly as the services
write it. What the bulk path leaves out, and the public pages do not read: the audit events
of the creation and the mails.

What it measures, for each public URL (``declarations:public_index``, ``public_register``
of the four registers with ``?pagina=N``, their CSV and JSON ``public_register_data``,
``public_history``):

- the number of SQL queries of one request (Django's test client in this process): for a
  paged page on page 1 and on ``?pagina=100`` (when that answers 404, the last page linked
  from page 1), for every URL
  in a small organisation and in the large one. Target: the same count;
- p50/p95/max of the response time through the production server (gunicorn, 3 workers x 2
  threads as `make run` starts it, on 127.0.0.1) with concurrent clients (default 4) on
  persistent connections, no log-in (the pages are public). Target: p95 < 150 ms.
- beside it, "cpu p95": this process's CPU time per request, one at a time through the test
  client. On SQLite all the work is in this process, so on a busy machine that figure is
  close to what an idle machine would take (on PostgreSQL it leaves out the server). The
  import lines show the same: wall-clock and CPU seconds.
- "first": the first request in this process, which builds what the public pages and files
  keep until the next change of the publication (``declarations.publication_store``: the
  keys of the rows in order, the counts, the CSV and JSON). The queries are counted, and the
  server is timed, after it: as visitors find the pages between two changes.

A URL name that does not resolve in this build is skipped with a message; without any, the
run ends after the import (no declarations are made). Prints a table, writes
bench/results/registers.json and exits 1 when a target is missed. The load average is
printed, as the figures mean little without it.

Runs on SQLite in a temporary directory, or on PostgreSQL when DATABASE_URL is set (in a
database ``oi_registersbench_<pid>`` created on that server and dropped at the end).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import io
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from common import free_port, run_inner, staff_client

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
RESULTS = ROOT / "bench" / "results" / "registers.json"
HOST = "127.0.0.1"
TARGET_P95_MS = 150.0
TARGET_IMPORT_S = 60.0
PEOPLE = 50_000
OFFICIALS = 1_000  # among the 50,000
DECLARATIONS = 200_000
OTHER_ORGANISATIONS = 300
SLUG = "bench"
PAGE_PARAM = "pagina"
FAR_PAGE = 100
REGISTERS = (
    "nevenfuncties-bestuurders",
    "nevenfuncties-functies",
    "financiele-belangen-bestuurders",
    "geschenken-bestuurders",
)
BATCH = 2_000


# --------------------------------------------------------------------------- the outer process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per URL (default 60)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--people", type=int, default=PEOPLE, help=argparse.SUPPRESS)
    parser.add_argument("--declarations", type=int, default=DECLARATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--organisations", type=int, default=OTHER_ORGANISATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--import-only", action="store_true", help="measure the HR import only (no declarations)")
    parser.add_argument("--profile-import", action="store_true", help="diagnostics: cProfile of the first import")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args)
    return run_inner(__file__, "oi_registersbench", sys.argv[1:])


# --------------------------------------------------------------------------- invented data

GIVEN = ["Anna", "Bram", "Chantal", "Daan", "Elif", "Fleur", "Gijs", "Hanna", "Ivo", "Jamal", "Kim", "Lotte"]
SURNAMES = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "El Amrani",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Yılmaz",
    "van Dijk",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
]
PARTIES = ["Partij A", "Partij B", "Partij C", "Lijst D", "Groep E"]
OFFICES = ["statenlid", "statenlid", "statenlid", "gedeputeerde", "commissaris"]
KINDS = ["medewerker"] * 8 + ["inhuur", "trainee", "stagiair", "uitzendkracht"]
HEADER = (
    "personeelsnummer",
    "voornaam",
    "achternaam",
    "email",
    "soort",
    "ambt",
    "termijn_begin",
    "termijn_einde",
    "partij",
    "eenheid_code",
    "eenheid_naam",
    "bovenliggende_eenheid_code",
    "functie",
    "schaal",
    "aangewezen",
    "publicatieplicht",
    "in_functie_sinds",
    "leidinggevende_van",
    "account",
)


def hr_rows(people: int, officials: int) -> list[list[str]]:
    """An HR export of ``people`` rows: ``officials`` officials (no post), the others in posts
    of a three-level unit tree (10 directorates, 5 departments each, 5 teams each = 310
    units), 8 posts per team; a fifth of the posts designated, a tenth with publication
    duty; one manager per unit."""
    units: list[tuple[str, str, str]] = []  # code, name, parent
    for d in range(10):
        units.append((f"D{d}", f"Directie {d}", ""))
        for a in range(5):
            units.append((f"D{d}A{a}", f"Afdeling {d}.{a}", f"D{d}"))
            for t in range(5):
                units.append((f"D{d}A{a}T{t}", f"Team {d}.{a}.{t}", f"D{d}A{a}"))
    rows: list[list[str]] = []
    managed = {code: False for code, _n, _p in units}
    for n in range(people):
        number = f"{100000 + n}"
        given, surname = GIVEN[n % len(GIVEN)], SURNAMES[(n * 7) % len(SURNAMES)]
        email = f"p{n}@example.invalid" if n % 2 else ""
        if n < officials:
            office = OFFICES[n % len(OFFICES)]
            rows.append(
                [number, given, surname, email, "ambtsdrager", office, "01-04-2023", "31-03-2027"]
                + [PARTIES[n % len(PARTIES)]]
                + [""] * 10
            )
            continue
        m = n - officials
        code, name, parent = units[m % len(units)]
        post = (m // len(units) + m) % 8
        designated = "ja" if post in (0, 1) else "nee"
        publication = "ja" if post == 0 else "nee"
        manages = ""
        if not managed[code] and post == 7:
            managed[code] = True
            manages = code
        since = f"{1 + n % 28:02d}-{1 + n % 12:02d}-{2010 + n % 15}"
        rows.append(
            [
                *(number, given, surname, email, KINDS[n % len(KINDS)], "", "", "", ""),
                *(code, name, parent, f"Functie {post} {code}", str(6 + post), designated, publication, since),
                *(manages, ""),
            ]
        )
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


STATES = (
    # (state, share in twentieths)
    ("approved", 11),
    ("restricted", 2),
    ("ended", 2),
    ("submitted", 2),
    ("draft", 1),
    ("refused", 1),
    ("withdrawn", 1),
)
STATE_CYCLE = [state for state, share in STATES for _ in range(share)]


def _ended_at(decided: Any, now: Any) -> Any:
    """When an approved declaration ended: 200 days after the decision, never in the future."""
    return min(decided + dt.timedelta(days=200), now - dt.timedelta(days=1))


def _declaration(i: int, person: Any, kind: str, post_id: int | None, clerk_id: int | None, now: Any) -> Any:
    from open_integriteit.declarations.models import Declaration

    state = STATE_CYCLE[(i * 7) % len(STATE_CYCLE)]
    submitted = now - dt.timedelta(days=30 + i % 700, minutes=i % 1440)
    decided = submitted + dt.timedelta(days=1 + i % 20)
    values: dict[str, Any] = {
        "organisation_id": person.organisation_id,
        "person_id": person.pk,
        "kind": kind,
        "state": state,
        "post_id": post_id if state != "draft" else None,
        "submitted_at": submitted if state != "draft" else None,
        "decided_at": decided if state in {"approved", "restricted", "refused", "ended"} else None,
        "decided_by_id": clerk_id if state in {"approved", "restricted", "refused", "ended"} else None,
        "decision_reason": "Geen strijdigheid met de functie." if state in {"approved", "restricted", "ended"} else "",
        # Half of the ended declarations had been approved with a restriction.
        "restriction": "Niet tijdens werktijd en geen contact met eigen dossiers."
        if state == "restricted" or (state == "ended" and i % 2 == 0)
        else "",
        "starts_on": (submitted - dt.timedelta(days=60)).date(),
        "ends_on": _ended_at(decided, now).date() if state == "ended" else None,
    }
    if kind == "side_job":
        values.update(
            body=f"Stichting Voorbeeld {i % 5000}",
            role=["bestuurslid", "penningmeester", "docent", "adviseur", "voorzitter"][i % 5],
            hours_per_month=4 + i % 30,
            paid=bool(i % 3),
            by_virtue_of_office=person.kind == "official" and i % 4 == 0,
            relation_to_work="Geen raakvlak met het eigen werk.",
        )
    elif kind == "financial_interest":
        values.update(
            interest_kind=["shares", "real_estate", "loan", "business", "other"][i % 5],
            description=f"Belang in onderneming {i % 3000}",
            value_band=["lt10k", "lt50k", "lt250k", "gt250k"][i % 4],
        )
    else:
        value = Decimal(20 + (i * 13) % 200)
        handed_in = value > 50 and state in {"approved", "restricted", "ended"}
        values.update(
            giver=f"Leverancier {i % 4000} B.V.",
            occasion=["nieuwjaarsreceptie", "afscheid", "jubileum", "werkbezoek"][i % 4],
            is_invitation=i % 5 == 0,
            estimated_value=value,
            received_on=submitted.date() - dt.timedelta(days=3),
            accepted=i % 6 != 0,
            handed_in_on=submitted.date() if handed_in else None,
            destination=["returned", "kept", "raffled", "charity", "shared"][i % 5] if handed_in else "",
            destination_note="",
            destination_recorded_at=decided if handed_in else None,
            destination_recorded_by_id=clerk_id if handed_in else None,
        )
    return Declaration(**values)


def _events(declaration: Any, clerk_id: int | None, now: Any) -> list[Any]:
    from open_integriteit.declarations.models import DeclarationEvent

    state = declaration.state
    if state == "draft":
        return []
    user = None  # the declarant's own account; the people here have none
    events = [
        DeclarationEvent(
            declaration=declaration,
            transition="submit",
            from_state="draft",
            to_state="submitted",
            by_id=user,
            at=declaration.submitted_at,
        )
    ]
    if state == "withdrawn":
        events.append(
            DeclarationEvent(
                declaration=declaration,
                transition="withdraw",
                from_state="submitted",
                to_state="withdrawn",
                by_id=user,
                at=declaration.submitted_at + dt.timedelta(days=2),
            )
        )
    if state in {"approved", "restricted", "refused", "ended"}:
        decided = ("restricted" if declaration.restriction else "approved") if state == "ended" else state
        events.append(
            DeclarationEvent(
                declaration=declaration,
                transition={"approved": "approve", "restricted": "approve_restricted", "refused": "refuse"}[decided],
                from_state="submitted",
                to_state=decided,
                reason=declaration.decision_reason,
                by_id=clerk_id,
                at=declaration.decided_at,
            )
        )
    if state == "ended":
        events.append(
            DeclarationEvent(
                declaration=declaration,
                transition="end_restricted" if declaration.restriction else "end",
                from_state="restricted" if declaration.restriction else "approved",
                to_state="ended",
                by_id=user,
                at=_ended_at(declaration.decided_at, now),
            )
        )
    return events


def _people_of(organisation_id: int) -> tuple[list[Any], list[Any], dict[int, Any]]:
    """(officials, others, current post per person id) of an organisation."""
    from open_integriteit.people.models import Person, PostHolding

    people = list(Person.objects.filter(organisation_id=organisation_id).only("pk", "organisation_id", "kind"))
    posts = {
        h.person_id: h.post
        for h in PostHolding.objects.filter(person__organisation_id=organisation_id, ended_on__isnull=True)
        .select_related("post")
        .only("person_id", "post__id", "post__designated", "post__publication_duty")
    }
    officials = [p for p in people if p.kind == "official"]
    others = [p for p in people if p.kind != "official"]
    return officials, others, posts


def declaration_plan(officials: list[Any], others: list[Any], posts: dict[int, Any], total: int) -> list[tuple]:
    """(person, kind, post id) for ``total`` declarations: up to 22 per official (8 side
    jobs, 6 financial interests, 8 gifts; at most a third of the total), the rest
    round-robin over the others: two side jobs, a gift, then a financial interest for
    holders of designated posts (a gift otherwise)."""
    plan: list[tuple[Any, str, int | None]] = []
    official_kinds = ["side_job", "gift", "financial_interest"] * 6 + ["side_job", "gift"] * 2
    official_total = min(len(official_kinds) * len(officials), total // 3)
    for round_ in range(len(official_kinds)):
        for person in officials:
            if len(plan) < official_total:
                plan.append((person, official_kinds[round_], None))
    round_ = 0
    while len(plan) < total and others:
        for person in others:
            if len(plan) >= total:
                break
            post = posts.get(person.pk)
            kind = ["side_job", "side_job", "gift", "financial_interest"][round_ % 4]
            if kind == "financial_interest" and not (post is not None and post.designated):
                kind = "gift"
            plan.append((person, kind, post.pk if post is not None else None))
        round_ += 1
    return plan


def fill_declarations(organisation_id: int, total: int, clerk_id: int | None, offset: int = 0) -> int:
    from django.db import transaction
    from django.utils import timezone

    from open_integriteit.declarations.models import Declaration, DeclarationEvent

    officials, others, posts = _people_of(organisation_id)
    plan = declaration_plan(officials, others, posts, total)
    now = timezone.now()
    events = 0
    for start in range(0, len(plan), BATCH):
        with transaction.atomic():
            batch = [
                _declaration(offset + start + n, person, kind, post_id, clerk_id, now)
                for n, (person, kind, post_id) in enumerate(plan[start : start + BATCH])
            ]
            Declaration.objects.bulk_create(batch)
            if batch[0].pk is None:  # a database without RETURNING: read the new rows back
                batch = list(Declaration.objects.filter(organisation_id=organisation_id).order_by("-pk")[: len(batch)])
            made = [event for declaration in batch for event in _events(declaration, clerk_id, now)]
            DeclarationEvent.objects.bulk_create(made)
            events += len(made)
    return events


# --------------------------------------------------------------------------- the inner process


def _import(client: Any, data: bytes, mode: str) -> tuple[float, float, dict[str, Any]]:
    """One run of the import page as the clerk uses it: the upload, then the result page
    it redirects to. Wall-clock seconds, this process's CPU seconds, the result shown."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("people:import")
    upload = SimpleUploadedFile("hr-export.csv", data, content_type="text/csv")
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.post(url, {"file": upload, "mode": mode})
    if response.status_code != 302:
        raise SystemExit(f"import page answered {response.status_code} to a {mode}")
    result = dict(client.session.get("people_import_result") or {})
    shown = client.get(url)  # the result page, as the clerk sees it next
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if shown.status_code != 200:
        raise SystemExit(f"import result page answered {shown.status_code}")
    return seconds, cpu, result


def _setup_org(name: str, slug: str) -> Any:
    from open_integriteit.organisations.services import organisation_create

    return organisation_create(name=name, slug=slug, kind="province")


def _other_organisations(count: int) -> tuple[Any, float]:
    """``count`` small organisations, each with 30 people (3 officials) through the import
    service (as a system run, like the demo loader: no clerk account to make) and 60
    declarations. Returns the first one (for the query comparison) and the seconds taken."""
    from open_integriteit.people.services import people_import

    started = time.perf_counter()
    first = None
    small_file = as_csv(hr_rows(30, 3))
    for n in range(count):
        org = _setup_org(f"Organisatie {n:03d}", f"org-{n:03d}")
        result = people_import(organisation=org, by=None, file_name="hr.csv", data=small_file, dry_run=False)
        assert not result.errors, result.errors[:3]
        fill_declarations(org.pk, 60, None, offset=n * 60)
        first = first or org
    return first, time.perf_counter() - started


def _pages(org_slug: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """(name, url, paged) of the public contract for an organisation; skipped names."""
    from django.urls import NoReverseMatch, reverse

    pages: list[tuple[str, str, bool]] = []
    skipped: list[str] = []

    def add(label: str, name: str, paged: bool, **kwargs: str) -> None:
        try:
            pages.append((label, reverse(f"declarations:{name}", kwargs={"slug": org_slug, **kwargs}), paged))
        except NoReverseMatch:
            skipped.append(f"{label} (declarations:{name})")

    add("index", "public_index", False)
    for register in REGISTERS:
        add(register, "public_register", True, register=register)
        for fmt in ("csv", "json"):
            add(f"{register}.{fmt}", "public_register_data", False, register=register, fmt=fmt)
    add("history", "public_history", True)
    return pages, skipped


def _get(client: Any, url: str) -> tuple[int, bytes]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


#: url -> milliseconds of the first request in this process: it builds what the pages and files
#: keep until the next change of the publication (``declarations.publication_store``).
FIRST_MS: dict[str, float] = {}


def _queries(client: Any, url: str) -> tuple[int, int, bytes]:
    """Status, number of SQL queries and body of a request as the pages are served between two
    changes: after a first request (timed in FIRST_MS) that builds what is kept."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if url not in FIRST_MS:
        started = time.perf_counter()
        _get(client, url)
        FIRST_MS[url] = (time.perf_counter() - started) * 1000
    with CaptureQueriesContext(connection) as captured:
        status, body = _get(client, url)
    return status, len(captured), body


def _cpu_p95(client: Any, url: str, requests: int = 10) -> float:
    """p95 of this process's CPU milliseconds per request, one request at a time in this
    process (test client). On SQLite all the work is here, so this is close to what an idle
    machine takes whatever the load; on PostgreSQL it leaves out the database server."""
    cpu = []
    for _ in range(requests):
        started = time.process_time()
        _get(client, url)
        cpu.append((time.process_time() - started) * 1000)
    ordered = sorted(cpu)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def _far_page(url: str, body: bytes) -> str | None:
    """The highest page linked from page 1; None without links to pages."""
    numbers = [int(n) for n in re.findall(rb"[?&;]" + PAGE_PARAM.encode() + rb"=(\d+)", body)]
    if not numbers:
        return None
    return f"{url}?{PAGE_PARAM}={max(numbers)}"


# --------------------------------------------------------------------------- the server


class Server:
    """gunicorn as `make run` starts it (gthread, 3 workers x 2 threads), own process group."""

    def __init__(self, log_path: Path) -> None:
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
            "3",
            "--threads",
            "2",
            "--worker-class",
            "gthread",
            "--graceful-timeout",
            "10",
        ]
        self.process = subprocess.Popen(
            command, cwd=SRC, env=dict(os.environ), stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, path: str, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


def _time_url(port: int, path: str, clients: int, requests: int) -> dict[str, Any]:
    """``requests`` GETs of ``path`` shared by ``clients`` threads on persistent connections
    (2 warm-up requests each, not counted)."""
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    tickets = iter(range(requests))
    barrier = threading.Barrier(clients)
    size = 0

    def one(conn: http.client.HTTPConnection) -> tuple[float, int, int]:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": f"{HOST}:{port}", "Accept-Language": "nl"})
        response = conn.getresponse()
        body = response.read()
        return (time.perf_counter() - started) * 1000, response.status, len(body)

    def worker() -> None:
        nonlocal size
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            for _ in range(2):
                one(conn)
            barrier.wait(timeout=120)
            while True:
                with lock:
                    ticket = next(tickets, None)
                if ticket is None:
                    return
                try:
                    try:
                        ms, status, length = one(conn)
                    except (http.client.HTTPException, OSError):
                        # A kept-alive connection the server has just closed: once more on a new one.
                        conn.close()
                        conn = http.client.HTTPConnection(HOST, port, timeout=60)
                        ms, status, length = one(conn)
                except (http.client.HTTPException, OSError) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=60)
                    with lock:
                        errors.append(type(exc).__name__)
                    continue
                with lock:
                    timings.append(ms)
                    size = length
                    if status != 200:
                        errors.append(f"HTTP {status}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(timings) or [float("nan")]
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))],
        "max": ordered[-1],
        "bytes": size,
        "errors": errors,
    }


# --------------------------------------------------------------------------- main of the inner process


def inner(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from open_integriteit.accounts import services as account_services
    from open_integriteit.accounts.models import Role
    from open_integriteit.declarations.models import Declaration, DeclarationEvent
    from open_integriteit.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest storage needs it
    engine = connection.vendor
    results: dict[str, Any] = {"engine": engine, "cpus": os.cpu_count(), "load_average_before": os.getloadavg()[0]}
    failed = False
    print(f"registers bench on {engine}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(
            "warning: the load average is above the number of CPUs: other processes compete with the benchmark, "
            "wall-clock figures are higher than on an idle machine (the cpu figures much less so)",
            flush=True,
        )

    small_org, small_seconds = _other_organisations(args.organisations)
    print(
        f"{args.organisations} other organisations with 30 people and 60 declarations each: {small_seconds:.1f} s",
        flush=True,
    )

    org = _setup_org("Provincie Benchmark", SLUG)
    clerk = account_services.user_create(
        organisation=org,
        username="rita",
        first_name="Rita",
        last_name="Registratie",
        password=secrets.token_urlsafe(16),
        roles=[Role.REGISTER_CLERK],
    )
    clerk_client = staff_client(clerk)
    data = as_csv(hr_rows(args.people, min(OFFICIALS, args.people // 50)))
    print(f"HR export: {args.people} rows, {len(data) / 1e6:.1f} MB", flush=True)
    imports: dict[str, Any] = {}
    for step, mode in (("dry run", "check"), ("import", "import"), ("second import", "import")):
        profile = None
        if args.profile_import and step == "import":
            import cProfile

            profile = cProfile.Profile()
            profile.enable()
        seconds, cpu, outcome = _import(clerk_client, data, mode)
        if profile is not None:
            import pstats

            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(35)
        changes = sum(outcome.get("counts", {}).values())
        ok = seconds < TARGET_IMPORT_S and not outcome.get("error_count")
        if step == "second import":
            ok &= changes == 0
        if step == "import":
            ok &= outcome.get("counts", {}).get("people_created") == args.people
        failed |= not ok
        imports[step] = {
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "changes": changes,
            "errors": outcome.get("error_count"),
        }
        print(
            f"{step:<14} {seconds:6.1f} s (cpu {cpu:5.1f} s)  rows {outcome.get('rows')}  "
            f"errors {outcome.get('error_count')}  changes {changes}  {'OK' if ok else 'FAIL'}  "
            f"({json.dumps(outcome.get('counts', {}))})",
            flush=True,
        )
    results["import"] = {"rows": args.people, "bytes": len(data), **imports}
    assert Person.objects.filter(organisation=org).count() == args.people
    if args.import_only:
        return _finish(results, failed)
    pages, skipped = _pages(SLUG)
    for name in skipped:
        print(f"skipped: {name}: no such URL in this build (the public registers are not merged yet)")
    results["skipped"] = skipped
    if not pages:
        print("no public URL to measure: the declarations are not made, the benchmark ends after the import")
        return _finish(results, failed)

    started = time.perf_counter()
    events = fill_declarations(org.pk, args.declarations, clerk.pk)
    fill_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM declarations_declaration WHERE kind = 'side_job' ORDER BY id LIMIT 1")
        stored = cursor.fetchone()[0]
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a real database
    assert stored.startswith("oi1:"), "content must be stored encrypted"
    print(
        f"declarations: {Declaration.objects.filter(organisation=org).count()} in the organisation "
        f"({Declaration.objects.count()} in all), {events} events; bulk-created in {fill_seconds:.1f} s, "
        "content encrypted",
        flush=True,
    )
    results["data"] = {
        "people": args.people,
        "declarations": Declaration.objects.filter(organisation=org).count(),
        "declarations_all": Declaration.objects.count(),
        "events_all": DeclarationEvent.objects.count(),
        "other_organisations": args.organisations,
    }

    from django.test import Client

    anonymous = Client(HTTP_HOST="127.0.0.1")
    small_pages = {label: url for label, url, _paged in _pages(small_org.slug)[0]}
    measured: list[tuple[str, str, str, int, int, str]] = []  # label, url, compared with, queries, queries, note
    for label, url, paged in pages:
        status, count, body = _queries(anonymous, url)
        if status != 200:
            print(f"{label}: {url} answered {status}  FAIL")
            failed = True
            continue
        small_status, small_count, _ = _queries(anonymous, small_pages[label])
        note = f"small organisation {small_count}" if small_status == 200 else f"small organisation HTTP {small_status}"
        if paged:
            far = f"{url}?{PAGE_PARAM}={FAR_PAGE}"
            far_status, far_count, _ = _queries(anonymous, far)
            if far_status == 404:  # no page 100 here: the last page linked from page 1
                far = _far_page(url, body) or url
                far_status, far_count, _ = _queries(anonymous, far)
            if far_status != 200:
                print(f"{label}: {far} answered {far_status}  FAIL")
                failed = True
                continue
            where = far.rsplit("?", 1)[1] if "?" in far else "page 1 (no other page)"
            measured.append((label, url, where, count, far_count, note))
            measured.append((f"{label} ({where})", far, "", far_count, far_count, ""))
        else:
            measured.append((label, url, "small organisation", small_count, count, ""))

    server = Server(Path(os.environ["OI_VAR_DIR"]) / "server.log")
    table: list[dict[str, Any]] = []
    try:
        server.wait_ready(pages[0][1])
        print(
            f"\ngunicorn on {HOST}:{server.port} (3 workers x 2 threads), {args.clients} clients, "
            f"{args.requests} timed requests per URL; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        print(f"{'page':<46} {'p50':>7} {'p95':>7} {'max':>7} {'cpu p95':>8} {'first':>8} {'KiB':>7}  queries")
        for label, url, compared, first, second, note in measured:
            cpu_p95 = _cpu_p95(anonymous, url)
            timing = _time_url(server.port, url, args.clients, args.requests)
            constant = first == second
            ok = timing["p95"] < TARGET_P95_MS and constant and not timing["errors"]
            failed |= not ok
            queries = f"{first}" if not compared else f"{first} / {second} ({compared})"
            if compared == "small organisation":
                queries = f"{second} (small organisation: {first})"
            elif compared and compared != "one page only":
                queries = f"{first} on page 1, {second} on {compared}"
            if note:
                queries += f"; {note}"
            print(
                f"{label:<46} {timing['p50']:5.0f}ms {timing['p95']:5.0f}ms {timing['max']:5.0f}ms "
                f"{cpu_p95:6.0f}ms {FIRST_MS.get(url, 0):6.0f}ms {timing['bytes'] / 1024:7.1f}  {queries}  "
                f"{'OK' if ok else 'FAIL'}"
                + (f"  errors: {sorted(set(timing['errors']))}" if timing["errors"] else ""),
                flush=True,
            )
            table.append(
                {
                    "page": label,
                    "url": url,
                    "queries": first,
                    "queries_compared": second,
                    "compared_with": compared,
                    **{k: round(v, 1) for k, v in timing.items() if k in {"p50", "p95", "max"}},
                    "cpu_p95": round(cpu_p95, 1),
                    "first_ms": round(FIRST_MS.get(url, 0), 1),
                    "bytes": timing["bytes"],
                    "errors": len(timing["errors"]),
                    "ok": ok,
                }
            )
    finally:
        server.stop()
    results["pages"] = table
    return _finish(results, failed)


def _finish(results: dict[str, Any], failed: bool) -> int:
    results["load_average_after"] = os.getloadavg()[0]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"load average {os.getloadavg()[0]:.1f}; results in {os.path.relpath(RESULTS, ROOT)}")
    print(
        f"targets: import < {TARGET_IMPORT_S:.0f} s, second import changes nothing, p95 < {TARGET_P95_MS:.0f} ms, "
        f"the same number of queries: {'FAIL' if failed else 'met'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
