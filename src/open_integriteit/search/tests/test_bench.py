"""Search timing with 10,000 open reports and 2,000 cases in one organisation (issue 7).

Skipped unless ``OI_SEARCH_BENCH=1``; prints p50/p95 per kind of query and the number of
queries per page (which does not depend on the number of results; a group without any
result saves its page query)::

    OI_SEARCH_BENCH=1 pytest -p no:cacheprovider -q -s src/open_integriteit/search/tests/test_bench.py

The reports are written in bulk (the public form's argon2 receipt hash would take minutes)
and indexed with the same function the services use; each has about 60 words drawn from a
vocabulary of 3,000 invented words, so the token table is of a realistic size.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from open_integriteit.accounts.models import User
from open_integriteit.cases.models import Case, Origin
from open_integriteit.reports.models import Report
from open_integriteit.search import services
from open_integriteit.search.models import SearchToken

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("OI_SEARCH_BENCH"), reason="set OI_SEARCH_BENCH=1 to run"),
]

REPORTS, CASES, RUNS = 10_000, 2_000, 30
SYLLABLES = [c + v for c in "bdklmnprstv" for v in "aeo"]


def _vocabulary(rng: random.Random) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))) for _ in range(3000)]


def _text(rng: random.Random, words: list[str], extra: str = "") -> str:
    return " ".join(rng.choices(words, k=60)) + " medewerker " + extra


def _fill(org: Any) -> None:
    rng = random.Random(7)
    words = _vocabulary(rng)
    now = timezone.now()
    reports = [
        Report(
            organisation=org,
            reference=f"M-B{i:07d}",
            ground="other",
            reporter_type="employee",
            anonymity="anonymous",
            what_happened=_text(rng, words, "zeldzaamwoord" if i % 2000 == 0 else ""),
            received_at=now,
        )
        for i in range(REPORTS)
    ]
    Report.objects.bulk_create(reports, batch_size=1000)
    cases = [
        Case(
            organisation=org,
            reference=f"Z-B{i:07d}",
            origin=Origin.SIGNAL,
            ground="other",
            title=f"Invented case {i}",
            signal=_text(rng, words),
        )
        for i in range(CASES)
    ]
    Case.objects.bulk_create(cases, batch_size=1000)
    tokens: list[SearchToken] = []
    for report in Report.objects.filter(organisation=org).only("pk", "organisation_id", "what_happened"):
        tokens += services._tokens(organisation_id=org.pk, texts=[report.what_happened], owner={"report_id": report.pk})
    for case in Case.objects.filter(organisation=org).only("pk", "organisation_id", "title", "signal"):
        tokens += services._tokens(organisation_id=org.pk, texts=[case.title, case.signal], owner={"case_id": case.pk})
    SearchToken.objects.bulk_create(tokens, batch_size=5000)
    print(f"\n{REPORTS} reports, {CASES} cases, {len(tokens)} tokens")


def test_search_timings(org: Any, personas: dict[str, User], client_for: Any) -> None:
    _fill(org)
    client = client_for(personas["alice"])
    url = reverse("search:results")
    queries = {
        "reference": "M-B0004711",
        "reference prefix": "M-B00047",
        "rare word (5 hits)": "zeldzaamwoord",
        "word in every report": "medewerker",
        "prefix (3 letters)": "med",
        "two words": "medewerker zeldzaam",
        "no hit": "onbekendwoord",
    }
    client.get(url, {"q": "warm"})
    counts = set()
    for label, q in queries.items():
        timings = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url, {"q": q})
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        counts.add(len(captured))
        p95 = statistics.quantiles(timings, n=20)[18]
        print(f"{label:24} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  queries {len(captured)}")
    print(f"queries per page: {sorted(counts)}")
    # The same for 5 hits and 10,000; a group with no hit at all skips its page query.
    assert max(counts) - min(counts) <= 2
