"""The case page as a workspace in headless Chromium (issue 7, item 6).

The coordinator opens a case, goes to a section through the in-page menu, records
something there and lands back in that section with the confirmation in view. At 375
pixels the page is no wider than the screen. Every page is checked with axe-core.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, dutch, origin, staff_login, submit, visit

pytestmark = pytest.mark.browser

WIDTH = """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"""


def test_the_coordinator_works_in_a_section_and_returns_to_it(
    transactional_db: Any, live_server: Any, personas: Any, make_report: Any, make_case: Any, make_context: Any
) -> None:
    base = live_server.url
    report, _code = make_report(anonymity="anonymous")
    case = make_case(reports=[report])
    url = f"{base}/medewerkers/zaken/{case.reference}/"

    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["alice"])
    visit(page, url)
    assert_accessible(page, "case page")
    # The header: the state, the open deadlines of the report, the next step for this user.
    expect(page.locator("[data-testid=case-state]")).to_be_visible()
    expect(page.locator("#case-deadlines-caption")).to_be_visible()
    expect(page.locator("#next-step button[name=step]").first).to_be_visible()
    # An anonymous reporter has no identity behind a disclosure step.
    expect(page.locator("#parties")).to_contain_text(dutch("anonymous — no identity known"))

    # The in-page menu takes the coordinator to the notes (no reload, no JavaScript needed).
    menu = page.locator("nav.oi-section-nav")
    menu.get_by_role("link", name=dutch("Notes"), exact=True).click()
    expect(page).to_have_url(f"{url}#notes")
    expect(page.locator("#notes-heading")).to_be_in_viewport()

    page.fill("#id_note-text", "Invented: called the reporter's manager.")
    submit(page, page.locator("#notes form button[type=submit]"))
    parts = urlsplit(page.url)
    assert (parts.path, parts.query, parts.fragment) == (urlsplit(url).path, "section=notes", "notes"), page.url
    confirmation = page.locator("#notes [role=status]")
    expect(confirmation).to_contain_text(dutch("The note has been added."))
    expect(confirmation).to_be_in_viewport()
    expect(page.locator("#notes")).to_contain_text("Invented: called the reporter's manager.")
    expect(menu.locator("a[aria-current=location]")).to_have_attribute("href", "#notes")
    assert_accessible(page, "case page back in the notes section")

    # The timeline lists the change, not the reads; the filter shows them.
    timeline = page.locator("#timeline ol")
    expect(timeline).to_contain_text(dutch("Note added"))
    expect(timeline).not_to_contain_text(dutch("Case viewed"))
    submit(page, page.locator("#timeline").get_by_role("link", name=dutch("Show reads too")))
    expect(page.locator("#timeline ol")).to_contain_text(dutch("Case viewed"))
    assert_accessible(page, "case page with reads in the timeline")
    assert log.foreign(origin(base)) == []


def test_the_case_page_fits_a_phone(
    transactional_db: Any, live_server: Any, personas: Any, make_report: Any, make_case: Any, make_context: Any
) -> None:
    base = live_server.url
    report, _code = make_report()
    case = make_case(reports=[report])
    context, _log = make_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    staff_login(page, base, personas["alice"])
    for path in (f"/medewerkers/zaken/{case.reference}/", f"/medewerkers/meldingen/{report.reference}/"):
        visit(page, base + path)
        size = page.evaluate(WIDTH)
        assert size["scroll"] <= size["inner"], f"{path} is {size['scroll']} px wide at 375 px"
        assert_accessible(page, f"{path} at 375 px")
