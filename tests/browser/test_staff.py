"""The staff pages in headless Chromium, each checked with axe-core, per role."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .helpers import assert_accessible, dutch, origin, staff_login, submit

pytestmark = pytest.mark.browser


def nav_link(page: Page, path: str) -> Any:
    return page.locator(f'nav.oi-nav a[href="{path}"]')


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def test_staff_pages_per_role_have_no_accessibility_violations(
    transactional_db: Any, live_server: Any, personas: Any, make_report: Any, make_context: Any
) -> None:
    base = live_server.url
    # A confidential report (identity hidden behind a reason) and an anonymous one.
    confidential, _ = make_report(
        anonymity="confidential", identity={"name": "Invented Reporter", "email": "", "phone": ""}
    )
    make_report(ground="unwanted_behaviour", what_happened="Invented: shouting in meetings.")

    # Coordinator: dashboard, report list, report detail, register a report.
    context, alice_log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["alice"])
    assert path_of(page) == "/medewerkers/"
    expect(page.locator("#main")).to_contain_text(confidential.reference)
    assert_accessible(page, "coordinator dashboard")

    submit(page, nav_link(page, "/medewerkers/meldingen/"))
    expect(page.locator("#main table tbody tr")).to_have_count(2)
    assert_accessible(page, "report list")

    submit(page, page.locator("#main").get_by_role("link", name=confidential.reference, exact=True))
    assert path_of(page) == f"/medewerkers/meldingen/{confidential.reference}/"
    expect(page.locator('form[action$="/disclose/"]')).to_be_visible()
    expect(page.get_by_text("Invented Reporter")).to_have_count(0)
    assert_accessible(page, "report detail (confidential, identity hidden)")

    submit(page, nav_link(page, "/medewerkers/meldingen/registreren/"))
    assert_accessible(page, "register a report")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#form-errors[role=alert]")).to_be_visible()
    assert page.title().startswith(dutch("Error") + ":")
    assert_accessible(page, "register a report, with errors")

    submit(page, nav_link(page, "/medewerkers/categorieen/"))
    expect(page.locator("#main table").first).to_be_visible()
    assert_accessible(page, "categories")

    # Auditor: the audit trail is where the login lands.
    context, frank_log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["frank"])
    assert path_of(page) == "/audit/"
    expect(page.locator("#main table tbody tr").first).to_be_visible()
    assert_accessible(page, "audit trail")

    # Administrator: users and roles, organisation settings.
    context, erin_log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["erin"])
    assert path_of(page) == "/account/beheer/gebruikers/"
    expect(page.locator("#main")).to_contain_text("frank")
    assert_accessible(page, "users and roles")
    submit(page, nav_link(page, "/beheer/organisatie/"))
    assert path_of(page) == "/beheer/organisatie/"
    assert_accessible(page, "organisation settings")

    for log in (alice_log, frank_log, erin_log):
        assert log.foreign(origin(base)) == []
