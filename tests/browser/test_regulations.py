"""The register of rules and codes in headless Chromium, every page checked with axe-core:
rita (register clerk) uploads a code of conduct as PDF and marks it public; anyone then
finds it on the public page beside the registers and downloads the PDF, without
JavaScript and without anything from other websites."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from open_integriteit.accounts.models import Role
from open_integriteit.regulations.tests.files import PDF
from open_integriteit.testing.fixtures import make_user

from .helpers import SnapshotChecker, assert_accessible, open_register, origin, staff_login, submit, visit
from .test_programme import screenshot

pytestmark = pytest.mark.browser


def test_rita_uploads_a_code_that_anyone_finds_on_the_public_page(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any, tmp_path: Any
) -> None:
    base = live_server.url
    rita = make_user(org, "rita", Role.REGISTER_CLERK)
    (tmp_path / "gedragscode.pdf").write_bytes(PDF)

    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, rita)
    open_register(page, "Regelgeving")
    assert_accessible(page, "rules and codes (empty)")
    submit(page, page.locator("#main").get_by_role("link", name="Regeling of gedragscode toevoegen"))
    assert_accessible(page, "add a rule or code")
    page.locator("#id_kind").select_option("staff_code")
    page.locator("#id_title").fill("Gedragscode integriteit medewerkers")
    page.locator("#id_audience").fill("Alle medewerkers")
    page.locator("#id_adopted_by").select_option("executive")
    page.locator("#id_adopted_on").fill("2024-03-12")
    page.locator("#id_decision_reference").fill("GS-2024-77")
    page.locator("#id_public").check()
    page.locator("#id_document").set_input_files(str(tmp_path / "gedragscode.pdf"))
    screenshot(page, "regulations-form")
    submit(page, page.locator("#main form.oi-form button[type=submit]").first)
    expect(page.locator("h1")).to_have_text("Gedragscode integriteit medewerkers")
    assert_accessible(page, "rule or code")
    submit(page, page.locator("#main").get_by_role("link", name="Terug naar de regelgeving"))
    screenshot(page, "regulations-register")

    visitor, visitor_log = make_context(java_script_enabled=False)
    public = visitor.new_page()
    visit(public, f"{base}/openbaar/{org.slug}/")
    submit(public, public.locator("#main").get_by_role("link", name="Integriteitsregels en gedragscodes"))
    expect(public.locator("#main table")).to_contain_text("Gedragscode integriteit medewerkers")
    expect(public.locator("#main table")).to_contain_text("GS-2024-77")
    with public.expect_download() as download:
        public.locator("#main table").get_by_role("link", name="Gedragscode integriteit medewerkers").click()
    assert download.value.path().read_bytes() == PDF
    SnapshotChecker(context.new_page()).check(public, "public rules and codes")
    screenshot(public, "regulations-public")
    for request_log in (log, visitor_log):
        assert request_log.foreign(origin(base)) == []
