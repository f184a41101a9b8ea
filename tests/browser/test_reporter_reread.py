"""The reporter sends a report with a file, reloads the receipt page and goes back (nothing
is filed again), then rereads the report and fetches the file in the mailbox: in headless
Chromium with JavaScript off, every page checked with axe-core."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from open_integriteit.audit.models import AuditEvent
from open_integriteit.reports.models import Attachment, Report

from .helpers import SnapshotChecker, origin, submit, visit
from .test_reporter import WHEN_WHERE, fill_report, main_form_button, pdf_file, reporter_code_as_typed

pytestmark = pytest.mark.browser

WHAT_HAPPENED = "Invented for the reread test: offers are opened before the deadline."


def test_receipt_reload_files_nothing_and_the_mailbox_shows_the_report_and_its_file(
    transactional_db: Any, live_server: Any, org: Any, make_context: Any, tmp_path: Path
) -> None:
    base = live_server.url
    reporter_context, reporter_log = make_context(java_script_enabled=False)
    reporter = reporter_context.new_page()
    checker_context, _ = make_context()
    checker = SnapshotChecker(checker_context.new_page())
    evidence = pdf_file(tmp_path)

    visit(reporter, f"{base}/melden/{org.slug}/formulier/")
    fill_report(reporter, what_happened=WHAT_HAPPENED, attachment=evidence)
    submit(reporter, main_form_button(reporter))
    receipt_url = f"{base}/melden/{org.slug}/ontvangen/"
    assert reporter.url == receipt_url  # post/redirect/get
    checker.check(reporter, "receipt page")
    code = re.sub(r"\s", "", reporter.locator("[data-testid=receipt-code]").inner_text())
    assert re.fullmatch(r"\d{16}", code), code
    counts = (Report.objects.count(), Attachment.objects.count(), AuditEvent.objects.count())
    assert counts[:2] == (1, 1)

    # Reload: no second report, no code again, but a page that says how to go on.
    response = reporter.reload()
    assert response is not None and response.status == 200 and reporter.url == receipt_url
    expect(reporter.locator("[data-testid=receipt-code]")).to_have_count(0)
    expect(reporter.locator("[data-testid=receipt-shown]")).to_be_visible()
    checker.check(reporter, "receipt page after a reload")
    # Back: the form page again (fetched with GET; the browser may restore what was typed),
    # and still nothing sent again.
    reporter.go_back()
    assert reporter.url == f"{base}/melden/{org.slug}/formulier/"
    expect(main_form_button(reporter)).to_be_visible()
    assert (Report.objects.count(), Attachment.objects.count(), AuditEvent.objects.count()) == counts

    # The mailbox: the reporter's own text and answers, and the file, downloadable.
    visit(reporter, receipt_url)
    submit(reporter, reporter.locator(f'#main a[href="/melden/{org.slug}/postbus/"]'))
    reporter.fill("#id_code", reporter_code_as_typed(code))
    submit(reporter, main_form_button(reporter))
    assert reporter.url == f"{base}/melden/{org.slug}/postbus/melding/"
    own = reporter.locator("[data-testid=own-report]")
    expect(own).to_contain_text(WHAT_HAPPENED)
    expect(own).to_contain_text(WHEN_WHERE)
    checker.check(reporter, "mailbox with the reporter's own report")
    with reporter.expect_download() as download_info:
        reporter.get_by_role("link", name="evidence.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "evidence.pdf"
    assert Path(download.path()).read_bytes() == evidence.read_bytes()

    assert Report.objects.count() == 1
    assert reporter_log.foreign(origin(base)) == []
    assert len(checker.checked) == 3
