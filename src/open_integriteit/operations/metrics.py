"""Prometheus metrics. Requests by view name (never a path), latency, and at scrape time the
job queue, the background workers and overdue deadlines per organisation (counts only).

Under gunicorn, PROMETHEUS_MULTIPROC_DIR (set by src/gunicorn.conf.py) makes every worker
process write its counters there, and a scrape adds them up.
"""

from __future__ import annotations

import os
from collections import Counter as Tally
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

REQUESTS = Counter("oi_http_requests", "HTTP requests by view name, method and status.", ["view", "method", "status"])
LATENCY = Histogram(
    "oi_http_request_duration_seconds",
    "Time to answer a request, by view name.",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def overdue_per_organisation() -> dict[str, int]:
    from open_integriteit.organisations.models import Organisation
    from open_integriteit.reports.deadlines import report_deadlines
    from open_integriteit.reports.models import Report, Status

    counts: Tally[str] = Tally(dict.fromkeys(Organisation.objects.values_list("slug", flat=True), 0))
    open_reports = (
        Report.objects.exclude(status=Status.CLOSED)
        .filter(feedback_at__isnull=True)
        .select_related("organisation")
        .only("received_at", "acknowledged_at", "feedback_at", "organisation__slug")
    )
    for report in open_reports.iterator():
        if any(d.is_open and d.state == "overdue" for d in report_deadlines(report)):
            counts[report.organisation.slug] += 1
    return dict(counts)


class StateCollector(Collector):
    """Read at scrape time from the database and the broker, identical on every server."""

    def collect(self) -> Iterator[Metric]:
        from django_q.brokers import get_broker

        from .health import worker_clusters

        queue = GaugeMetricFamily("oi_queue_length", "Background jobs waiting in the queue.")
        queue.add_metric([], get_broker().queue_size())
        yield queue
        workers = GaugeMetricFamily("oi_worker_clusters", "Background worker clusters alive.")
        workers.add_metric([], worker_clusters())
        yield workers
        overdue = GaugeMetricFamily(
            "oi_reports_overdue",
            "Open reports with a lapsed legal deadline, per organisation.",
            labels=["organisation"],
        )
        for slug, count in sorted(overdue_per_organisation().items()):
            overdue.add_metric([slug], count)
        yield overdue


def exposition() -> bytes:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, LATENCY):
            registry.register(collector)
    registry.register(StateCollector())
    return generate_latest(registry)
