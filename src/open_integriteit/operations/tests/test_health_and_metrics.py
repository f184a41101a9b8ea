"""Health and metrics tell a load balancer and monitoring what they need, and outsiders nothing."""

from __future__ import annotations

import json
import logging

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

TOKEN = "invented-health-token-0123456789"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _token(settings):
    settings.OI_HEALTH_TOKEN = TOKEN


def test_outsider_gets_a_bare_status_without_details(client):
    live = client.get("/gezondheid/live")
    ready = client.get("/gezondheid/klaar")
    assert (live.status_code, live.content) == (200, b"ok\n")
    assert (ready.status_code, ready.content) == (200, b"ok\n")
    assert ready["Cache-Control"] == "no-store"  # like every page (core/middleware.py)
    wrong = client.get("/gezondheid/klaar", HTTP_AUTHORIZATION="Bearer guessed")
    assert wrong.content == b"ok\n"


def test_monitoring_with_the_token_sees_every_probe(client, settings):
    response = client.get("/gezondheid/klaar", **AUTH)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    checks = {c["name"]: c for c in body["checks"]}
    assert set(checks) == {"database", "redis", "keys", "storage", "worker"}
    assert checks["storage"]["ok"] and checks["storage"]["code"] == "filesystem"
    assert checks["keys"]["ok"]
    # No worker runs in the tests: reported, but it does not take the server out.
    assert not checks["worker"]["ok"] and not checks["worker"]["critical"]


def test_broken_keys_make_the_server_unready_without_saying_why_to_outsiders(client, settings):
    settings.OI_ACTIVE_KEY_ID = "missing"
    assert client.get("/gezondheid/klaar").content == b"unavailable\n"
    response = client.get("/gezondheid/klaar", **AUTH)
    assert response.status_code == 503
    checks = {c["name"]: c for c in response.json()["checks"]}
    assert not checks["keys"]["ok"] and checks["keys"]["code"] == "oi.E001"
    assert "missing" not in response.content.decode()  # no configuration values in the answer


def test_storage_probe_on_the_shared_database_leaves_no_file(client, settings):
    from open_integriteit.encryption import storage

    settings.OI_FILE_STORAGE = "database"
    response = client.get("/gezondheid/klaar", **AUTH)
    assert {c["name"]: c["code"] for c in response.json()["checks"]}["storage"] == "database"
    assert list(storage.names()) == []


def test_metrics_need_the_token(client, settings):
    assert client.get("/metrics").status_code == 404
    settings.OI_HEALTH_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_count_requests_by_view_name_and_overdue_reports_per_organisation(client, org, other_org, make_report):
    with time_machine.travel(timezone.now() - timezone.timedelta(days=10)):
        report, _code = make_report()  # acknowledgement (7 days) lapsed
    make_report()  # on time
    client.get(reverse("reports:mailbox_login", args=[org.slug]))
    text = client.get("/metrics", **AUTH).content.decode()
    assert 'oi_http_requests_total{method="GET",status="200",view="reports:mailbox_login"}' in text
    assert 'oi_http_request_duration_seconds_bucket{le="0.5",view="reports:mailbox_login"}' in text
    assert f'oi_reports_overdue{{organisation="{org.slug}"}} 1.0' in text
    assert f'oi_reports_overdue{{organisation="{other_org.slug}"}} 0.0' in text
    assert "oi_queue_length 0.0" in text
    assert report.reference not in text and "/melden/" not in text


def test_json_log_lines_carry_request_id_but_no_address_or_path(client, settings, org, caplog):
    from open_integriteit.operations.logging import JsonFormatter

    settings.OI_LOG_FORMAT = "json"
    with caplog.at_level(logging.INFO, logger="open_integriteit.requests"):
        response = client.get(reverse("reports:mailbox_login", args=[org.slug]), REMOTE_ADDR="203.0.113.9")
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "open_integriteit.requests"]
    assert lines == [
        {
            "time": lines[0]["time"],
            "level": "INFO",
            "logger": "open_integriteit.requests",
            "message": "request",
            "request_id": response["X-Request-ID"],
            "view": "reports:mailbox_login",
            "method": "GET",
            "status": 200,
            "duration_ms": lines[0]["duration_ms"],
        }
    ]


def test_json_error_log_keeps_the_stack_but_not_the_path_or_the_exception_text(rf):
    from open_integriteit.operations.logging import JsonFormatter

    request = rf.get("/medewerkers/meldingen/M-ABCDEFGH/", REMOTE_ADDR="203.0.113.9")
    try:
        raise ValueError("reporter wrote: invented secret")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", (request.path,), sys.exc_info()
        )
    record.request = request
    record.status_code = 500
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "response 500"
    assert entry["exc_type"] == "ValueError" and entry["status"] == 500
    assert entry["stack"][0].endswith("in test_json_error_log_keeps_the_stack_but_not_the_path_or_the_exception_text")
    for secret in ("M-ABCDEFGH", "203.0.113.9", "invented secret"):
        assert secret not in line
