"""Killing one server in the middle of a burst of submissions loses no report that got a
receipt and leaves no half-written report or orphan file. Runs last: it restarts server A."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from .client import Browser
from .conftest import ORG, Cluster
from .test_across_servers import _submit

pytestmark = pytest.mark.cluster


def test_killing_a_server_mid_burst_loses_no_receipted_report_and_leaves_no_orphan(cluster: Cluster):
    before = cluster.sql("SELECT count(*) FROM reports_report")[0][0]
    receipts: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + 8

    def client(index: int) -> None:
        browser = Browser()
        n = 0
        while time.monotonic() < stop_at:
            server = "a" if (index + n) % 2 == 0 else "b"
            n += 1
            try:
                code = _submit(
                    browser,
                    cluster.servers[server],
                    f"Invented burst report {index}-{n}.",
                    b"%PDF-1.4\n" + str(n).encode() + b"\n%EOF\n",
                )
            except Exception as exc:  # the killed server: no receipt
                with lock:
                    failures.append(f"{server}: {type(exc).__name__}")
                browser = Browser()
                continue
            with lock:
                receipts.append(code)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2.5)
    cluster.processes["a"].stop(signal.SIGKILL)  # master and workers, mid-request
    for thread in threads:
        thread.join(timeout=60)
    assert failures, "the kill must have hit requests in flight or queued"
    assert all(failure.startswith("a:") for failure in failures), failures  # server B never failed
    assert len(receipts) >= 4

    # Every receipt that was shown opens its mailbox (on the surviving server).
    cluster.forget_throttle()
    for code in receipts:
        status, _page, final = Browser().post(f"{cluster.servers['b']}/melden/{ORG}/postbus/", {"code": code})
        assert final.endswith("/postbus/melding/"), f"a receipted report does not open: HTTP {status}"

    # No half-written report: each new one has its attachment, its blob and its audit event;
    # no blob without a row.
    new_reports = cluster.sql("SELECT count(*) FROM reports_report")[0][0] - before
    assert new_reports >= len(receipts)
    assert cluster.sql(
        "SELECT count(*) FROM reports_report r WHERE NOT EXISTS "
        "(SELECT 1 FROM reports_attachment a WHERE a.report_id = r.id)"
    ) == [(0,)]
    assert cluster.sql(
        "SELECT count(*) FROM encryption_storedblob b WHERE NOT EXISTS "
        "(SELECT 1 FROM reports_attachment a WHERE a.stored_name = b.name)"
    ) == [(0,)]
    assert cluster.sql(
        "SELECT count(*) FROM reports_attachment a WHERE NOT EXISTS "
        "(SELECT 1 FROM encryption_storedblob b WHERE a.stored_name = b.name)"
    ) == [(0,)]
    assert cluster.sql(
        "SELECT count(*) FROM reports_report r WHERE NOT EXISTS (SELECT 1 FROM audit_auditevent e "
        "WHERE e.action = 'report.submitted' AND e.object_id = r.id::text)"
    ) == [(0,)]
    assert "Audit trail intact" in cluster.manage("verify_audit")
    cluster.start_server("a")  # and the killed server comes back on the same database
