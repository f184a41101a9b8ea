"""The public reporting point in real headless Chromium with JavaScript switched off."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.reports.models import MessageKind, Report, Status

from .helpers import SnapshotChecker, assert_accessible, dutch, origin, staff_login, submit, visit

pytestmark = pytest.mark.browser

WHAT_HAPPENED = "Invented for a browser test: the same supplier always wins, without a tender."
WHEN_WHERE = "Invented: last spring, at the department of roads."
ACKNOWLEDGEMENT = "Invented acknowledgement: we received your report and will assess it."
REPLY = "Invented reply: thank you, I will look in again next week."


def pdf_file(tmp_path: Path) -> Path:
    """A small, real PDF (one empty page)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / "evidence.pdf"
    path.write_bytes(body)
    return path


def main_form_button(page: Page) -> Any:
    return page.locator("#main form.oi-form button[type=submit]")


def fill_report(page: Page, *, what_happened: str, attachment: Path) -> None:
    page.check("input[name=ground][value=business_integrity]")
    page.fill("#id_what_happened", what_happened)
    page.fill("#id_when_where", WHEN_WHERE)
    page.check("input[name=reported_elsewhere][value=no]")
    page.check("input[name=reporter_type][value=employee]")
    page.check("input[name=anonymity][value=anonymous]")
    page.set_input_files("#id_attachments", attachment)


def test_anonymous_report_acknowledgement_and_reply_without_javascript(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any, tmp_path: Path
) -> None:
    base = live_server.url
    reporter_context, reporter_log = make_context(java_script_enabled=False)
    reporter = reporter_context.new_page()
    checker_context, checker_log = make_context()
    checker = SnapshotChecker(checker_context.new_page())

    # The reporting point and the form.
    visit(reporter, f"{base}/melden/{org.slug}/")
    expect(reporter.locator("html")).to_have_attribute("lang", "nl")
    checker.check(reporter, "reporting start page")
    submit(reporter, reporter.locator(f'#main a[href="/melden/{org.slug}/formulier/"]'))
    checker.check(reporter, "report form")

    fill_report(reporter, what_happened=WHAT_HAPPENED, attachment=pdf_file(tmp_path))
    submit(reporter, main_form_button(reporter))
    checker.check(reporter, "receipt page")

    code = re.sub(r"\s", "", reporter.locator("[data-testid=receipt-code]").inner_text())
    assert re.fullmatch(r"\d{16}", code), code
    report = Report.objects.get()
    assert report.organisation == org
    assert report.anonymity == "anonymous" and report.what_happened == WHAT_HAPPENED
    assert [a.filename for a in report.attachments.all()] == ["evidence.pdf"]
    expect(reporter.locator("#main")).to_contain_text(report.reference)

    # The coordinator acknowledges through the staff pages (JavaScript on, as staff have it).
    staff_context, staff_log = make_context()
    staff = staff_context.new_page()
    staff_login(staff, base, personas["alice"])
    assert staff.url == f"{base}/medewerkers/"
    assert_accessible(staff, "dashboard with a new report")
    submit(staff, staff.locator("#main").get_by_role("link", name=report.reference, exact=True).first)
    assert staff.url == f"{base}/medewerkers/meldingen/{report.reference}/"
    assert_accessible(staff, "report detail before acknowledgement")
    expect(staff.locator("#main")).to_contain_text(WHAT_HAPPENED)
    expect(staff.get_by_role("link", name="evidence.pdf")).to_be_visible()
    staff.fill("#id_ack-body", ACKNOWLEDGEMENT)
    submit(staff, staff.locator('form[action$="/acknowledge/"] button[type=submit]'))
    expect(staff.locator("#main [role=status]")).to_contain_text(
        dutch("The acknowledgement has been sent to the reporter.")
    )
    assert_accessible(staff, "report detail after acknowledgement")
    report.refresh_from_db()
    assert report.acknowledged_at is not None

    # Back to the reporter, still without JavaScript: the mailbox with the receipt code.
    submit(reporter, reporter.locator(f'#main a[href="/melden/{org.slug}/postbus/"]'))
    checker.check(reporter, "mailbox login")
    reporter.fill("#id_code", reporter_code_as_typed(code))
    submit(reporter, main_form_button(reporter))
    assert reporter.url == f"{base}/melden/{org.slug}/postbus/melding/"
    checker.check(reporter, "mailbox with the acknowledgement")
    expect(reporter.locator("#main .oi-message").first).to_contain_text(ACKNOWLEDGEMENT)

    reporter.fill("#id_body", REPLY)
    submit(reporter, reporter.locator("form:has(input[name=action][value=reply]) button[type=submit]"))
    assert reporter.url == f"{base}/melden/{org.slug}/postbus/melding/"
    expect(reporter.locator("#main [role=status]")).to_contain_text(dutch("Your message has been sent."))
    expect(reporter.locator("#main .oi-message--reporter")).to_contain_text(REPLY)
    checker.check(reporter, "mailbox after the reply")
    assert [m.body for m in report.messages.filter(kind=MessageKind.REPORTER_REPLY)] == [REPLY]

    # Nothing was asked from any other host, in any of the three browsers.
    live_origin = origin(base)
    for name, log in (("reporter", reporter_log), ("staff", staff_log), ("axe checker", checker_log)):
        assert log.urls, f"no requests recorded for the {name} browser"
        assert log.foreign(live_origin) == [], f"{name} browser made requests to other hosts"
    assert len(checker.checked) == 6


def reporter_code_as_typed(code: str) -> str:
    """As a person copies it from paper: in groups of four."""
    return " ".join(code[i : i + 4] for i in range(0, 16, 4))


def test_bad_input_keeps_answers_and_warns_that_files_are_gone_without_javascript(
    transactional_db: Any, live_server: Any, org: Any, make_context: Any, tmp_path: Path
) -> None:
    base = live_server.url
    reporter_context, reporter_log = make_context(java_script_enabled=False)
    reporter = reporter_context.new_page()
    checker_context, _ = make_context()
    checker = SnapshotChecker(checker_context.new_page())
    attachment = pdf_file(tmp_path)

    visit(reporter, f"{base}/melden/{org.slug}/formulier/")
    checker.check(reporter, "report form")
    fill_report(reporter, what_happened="", attachment=attachment)
    submit(reporter, main_form_button(reporter))
    checker.check(reporter, "report form with errors")

    assert Report.objects.count() == 0
    assert reporter.url == f"{base}/melden/{org.slug}/formulier/"
    assert reporter.title().startswith(dutch("Error") + ":")
    # The error summary: an alert that links to the field.
    summary = reporter.locator("#form-errors[role=alert]")
    expect(summary).to_be_visible()
    expect(summary.locator('a[href="#id_what_happened"]')).to_have_count(1)
    expect(summary).to_contain_text(dutch("Describe what happened."))
    # The message at the field, tied to it for screen readers.
    expect(reporter.locator("#id_what_happened_error")).to_have_text(dutch("Describe what happened."))
    field = reporter.locator("#id_what_happened")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "id_what_happened_error" in (field.get_attribute("aria-describedby") or "").split()
    # Only the empty field is in error; what was typed and chosen is still there.
    expect(reporter.locator(".utrecht-form-field-error-message")).to_have_count(1)
    expect(reporter.locator("#id_when_where")).to_have_value(WHEN_WHERE)
    expect(reporter.locator("input[name=ground][value=business_integrity]")).to_be_checked()
    expect(reporter.locator("input[name=reporter_type][value=employee]")).to_be_checked()
    expect(reporter.locator("input[name=anonymity][value=anonymous]")).to_be_checked()
    expect(reporter.locator("input[name=reported_elsewhere][value=no]")).to_be_checked()
    # The chosen file was not kept, and the page says so in a second alert.
    warning = reporter.locator("#main .utrecht-alert--warning[role=alert]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(
        dutch("The files you chose have not been kept, for your safety. Please choose them again before sending.")
    )

    # Correcting the one field and choosing the file again sends the report.
    reporter.fill("#id_what_happened", WHAT_HAPPENED)
    reporter.set_input_files("#id_attachments", attachment)
    submit(reporter, main_form_button(reporter))
    checker.check(reporter, "receipt page after correction")
    assert re.fullmatch(r"\d{16}", re.sub(r"\s", "", reporter.locator("[data-testid=receipt-code]").inner_text()))
    report = Report.objects.get()
    assert report.status == Status.NEW and report.when_where == WHEN_WHERE
    assert report.attachments.count() == 1
    assert reporter_log.foreign(origin(base)) == []
