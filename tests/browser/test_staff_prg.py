"""Post/redirect/get on the staff side (issue 7, item 2), in headless Chromium: registering a
report and showing a reporter's identity each answer with a redirect; the page after shows
the receipt code or the identity once, and a reload posts nothing again. Each page is
checked with axe-core."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.audit.models import AuditEvent
from open_integriteit.reports.models import IdentityDisclosure, Report

from .helpers import assert_accessible, dutch, staff_login, submit, visit

pytestmark = pytest.mark.browser

NAME = "Invented Reporter-PRG"


def _fill_registration(page: Page) -> None:
    page.check("input[name=channel][value=letter]")
    page.check("input[name=ground][value=business_integrity]")
    page.fill("#id_what_happened", "Invented: a letter about a tender.")
    page.fill("#id_when_where", "Invented: last week, at the office.")
    page.check("input[name=reported_elsewhere][value=no]")
    page.check("input[name=reporter_type][value=employee]")
    page.check("input[name=anonymity][value=confidential]")
    page.fill("#id_name", NAME)


def _reload(page: Page) -> None:
    response = page.reload()
    assert response is not None and response.status == 200, response and response.status


def test_registering_a_report_and_reloading_registers_it_once(
    transactional_db: Any, live_server: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    context, _log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["alice"])

    visit(page, f"{base}/medewerkers/meldingen/registreren/")
    _fill_registration(page)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    report = Report.objects.get()
    assert page.url == f"{base}/medewerkers/meldingen/registreren/{report.reference}/", page.url
    code = re.sub(r"\s", "", page.locator("[data-testid=receipt-code]").inner_text())
    assert re.fullmatch(r"\d{16}", code), code
    expect(page.locator("#main")).to_contain_text(report.reference)
    assert_accessible(page, "registered report, with the receipt code")

    _reload(page)  # a GET of the registered page: no form is posted again
    assert Report.objects.count() == 1
    expect(page.locator("[data-testid=receipt-code]")).to_have_count(0)
    expect(page.locator("[data-testid=receipt-code-shown]")).to_be_visible()
    expect(page.locator("#main")).to_contain_text(report.reference)
    assert_accessible(page, "registered report, after a reload")

    # On to the report, and show the identity: once, on the page after the post.
    submit(page, page.locator("#main").get_by_role("link", name=dutch("Open the report"), exact=True))
    expect(page.get_by_text(NAME)).to_have_count(0)
    page.fill("#id_disclose-reason", "Invented: to call the reporter back.")
    submit(page, page.locator('form[action$="/disclose/"] button[type=submit]'))
    assert "disclosure=" in page.url and page.url.endswith("#identity"), page.url
    expect(page.locator("[data-testid=identity]")).to_contain_text(NAME)
    assert_accessible(page, "report with the identity shown once")

    _reload(page)
    assert IdentityDisclosure.objects.count() == 1
    assert AuditEvent.objects.filter(action="reporter_identity.disclosed").count() == 1
    expect(page.get_by_text(NAME)).to_have_count(0)
    expect(page.locator("[data-testid=identity-shown-before]")).to_be_visible()
    expect(page.locator('form[action$="/disclose/"]')).to_be_visible()
    assert_accessible(page, "report after a reload: the identity shown before")
