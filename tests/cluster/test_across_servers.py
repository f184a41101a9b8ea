"""Real flows spread over two application servers, two workers, one PostgreSQL and one Redis."""

from __future__ import annotations

import json
import re
import time

import pytest

from .client import Browser
from .conftest import HEALTH_TOKEN, ORG, PASSWORD, TOTP_KEY, Cluster

pytestmark = pytest.mark.cluster

RECEIPT_RE = re.compile(r'data-testid="receipt-code">([0-9 ]+)<')
REFERENCE_RE = re.compile(r"\bM-[0-9A-Z]{8}\b")
PDF = b"%PDF-1.4\ninvented evidence for the cluster test\n%%EOF\n"


def _submit(browser: Browser, base: str, text: str, pdf: bytes = PDF) -> str:
    status, page, _ = browser.post(
        f"{base}/melden/{ORG}/formulier/",
        {
            "ground": "business_integrity",
            "what_happened": text,
            "reported_elsewhere": "no",
            "reporter_type": "employee",
            "anonymity": "anonymous",
        },
        files={"attachments": ("bewijs.pdf", "application/pdf", pdf)},
    )
    match = RECEIPT_RE.search(page)
    assert status == 200 and match, f"no receipt: HTTP {status}"
    return match.group(1).replace(" ", "")


def _log_in_coordinator(base: str) -> Browser:
    from django_otp.oath import totp

    staff = Browser()
    status, _page, final = staff.post(f"{base}/account/inloggen/", {"username": "coordinator", "password": PASSWORD})
    assert final.endswith("/account/verificatie/"), f"password step: HTTP {status} at {final}"
    code = f"{totp(bytes.fromhex(TOTP_KEY)):06d}"
    status, _page, final = staff.post(f"{base}/account/verificatie/", {"token": code})
    assert status == 200 and "/account/" not in final, f"TOTP step: HTTP {status} at {final}"
    return staff


def test_report_with_attachment_on_a_is_read_by_the_coordinator_on_b_and_in_the_mailbox_on_a(cluster: Cluster):
    a, b = cluster.servers["a"], cluster.servers["b"]
    reporter = Browser()
    code = _submit(reporter, a, "Invented: the cluster test saw offers opened early.")

    coordinator = _log_in_coordinator(b)
    status, listing = coordinator.get(f"{b}/medewerkers/meldingen/")
    reference = REFERENCE_RE.search(listing)
    assert status == 200 and reference
    status, detail = coordinator.get(f"{b}/medewerkers/meldingen/{reference.group(0)}/")
    assert status == 200 and "the cluster test saw offers opened early" in detail
    attachment = re.search(r'href="(/medewerkers/bijlagen/\d+/)"', detail)
    assert attachment
    status, body, _ = coordinator.request(b + attachment.group(1))
    assert (status, body) == (200, PDF)

    mailbox = Browser()
    status, page, final = mailbox.post(f"{a}/melden/{ORG}/postbus/", {"code": code})
    assert final.endswith("/postbus/melding/") and reference.group(0) in page
    # The ciphertext is in the shared database, nowhere on disk, and not readable there.
    blobs = cluster.sql("SELECT data FROM encryption_storedblob")
    assert len(blobs) == 1 and b"invented evidence" not in bytes(blobs[0][0])


def test_receipt_throttle_counts_guesses_on_both_servers_as_one(cluster: Cluster):
    guesser = Browser()
    refused = []
    for attempt in range(12):
        base = cluster.servers["a" if attempt % 2 == 0 else "b"]
        _status, page, _ = guesser.post(f"{base}/melden/{ORG}/postbus/", {"code": f"{1234567890123400 + attempt}"})
        refused.append("te veel verkeerde codes" in page)
    # Ten wrong guesses spread over both servers (five each) use up the one shared budget.
    assert refused[:10] == [False] * 10
    assert refused[10:] == [True, True]


def test_reminder_due_while_two_workers_run_is_sent_once(cluster: Cluster):
    reporter = Browser()
    _submit(reporter, cluster.servers["b"], "Invented: a report whose acknowledgement is nearly due.")
    (reference,) = cluster.sql(
        "UPDATE reports_report SET received_at = now() - interval '5 days' "
        "WHERE id = (SELECT max(id) FROM reports_report) RETURNING reference"
    )[0]
    cluster.manage(
        code=(
            "import django; django.setup()\n"
            "from django_q.tasks import async_task\n"
            "for _ in range(6): async_task('open_integriteit.reports.tasks.send_deadline_reminders')\n"
        )
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = cluster.sql("SELECT count(*) FROM django_q_task WHERE func LIKE %s", ("%send_deadline_reminders",))
        if done[0][0] >= 6:
            break
        time.sleep(0.5)
    assert done[0][0] >= 6, cluster.logs()[-3000:]
    ran_on = {row[0] for row in cluster.sql("SELECT DISTINCT cluster FROM django_q_task")}
    mails = "".join(p.read_text(errors="replace") for p in (cluster.workdir / "mail").glob("*.log"))
    subjects = [line for line in mails.splitlines() if line.startswith("Subject:") and reference in line]
    assert len(subjects) == 1, (ran_on, subjects)
    assert cluster.sql("SELECT count(*) FROM reports_deadlinereminder WHERE sent_at IS NOT NULL")[0][0] == 1


def test_health_and_metrics_on_both_servers(cluster: Cluster):
    auth = {"Authorization": f"Bearer {HEALTH_TOKEN}"}
    for base in cluster.servers.values():
        outsider = Browser().get(f"{base}/gezondheid/klaar")
        assert outsider == (200, "ok\n")
        status, body = Browser().get(f"{base}/gezondheid/klaar", headers=auth)
        checks = {c["name"]: c for c in json.loads(body)["checks"]}
        assert status == 200 and all(c["ok"] for c in checks.values()), checks
        assert checks["storage"]["code"] == "database" and checks["worker"]["code"] == "2 running"
        assert Browser().get(f"{base}/metrics")[0] == 404
    status, text = Browser().get(f"{cluster.servers['a']}/metrics", headers=auth)
    assert status == 200
    assert re.search(r'oi_http_requests_total\{method="POST",status="302",view="reports:public_form"\} [1-9]', text)
    assert "oi_worker_clusters 2.0" in text
    assert f'oi_reports_overdue{{organisation="{ORG}"}}' in text


def test_json_logs_hold_no_address_receipt_or_content(cluster: Cluster):
    lines = [line for line in cluster.logs().splitlines() if line.startswith("{")]
    requests = [json.loads(line) for line in lines if '"logger": "open_integriteit.requests"' in line]
    assert len(requests) > 10 and all(len(r["request_id"]) == 16 for r in requests)
    text = "\n".join(lines)
    assert "127.0.0.1" not in text
    assert "Invented" not in text and "/melden/" not in text
