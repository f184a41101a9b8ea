"""The annual report's template in headless Chromium, every page checked with axe-core at
1280 and 375 pixels: alice (coordinator) goes from the annual reports list to the template,
moves a chapter up, switches one off and adds her own; a new draft has them so. The shared
service's coordinator opens the overview of counts from the menu."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.accounts.models import Role
from open_integriteit.annual_reports import services
from open_integriteit.organisations.models import OrganisationKind
from open_integriteit.organisations.services import organisation_create, served_organisation_add
from open_integriteit.testing.fixtures import make_user

from .helpers import assert_accessible, dutch, open_register, staff_login, submit

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)


def check_both_widths(page: Page, where: str) -> None:
    """axe at both widths, and no sideways scrolling of the page at 375 px."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{where} at {width} px")
        if width == 375:
            size = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
            assert size["scroll"] <= size["inner"], f"{where} is {size['scroll']} px wide at 375 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def card(page: Page, title: str) -> Any:
    return page.locator("ol.oi-chapter-list > li").filter(has=page.get_by_role("heading", name=title))


def test_alice_reorders_switches_off_and_adds_a_chapter(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    alice = personas["alice"]
    chapters = services.template_chapters(organisation=org)
    second, indicators = chapters[1].title, next(c.title for c in chapters if c.key == "indicators")
    context, _log = make_context()
    page = context.new_page()
    staff_login(page, base, alice)
    open_register(page, dutch("Annual reports"))
    check_both_widths(page, "annual reports list")
    submit(page, page.get_by_role("link", name=dutch("Chapters of a new report (template)")))
    check_both_widths(page, "template")

    submit(page, card(page, f"2. {second}").get_by_role("button", name=f"Omhoog: “{second}”"))
    expect(page.locator("ol.oi-chapter-list > li").first).to_contain_text(second)
    check_both_widths(page, "template after a move")

    indicators_card = page.locator("ol.oi-chapter-list > li").filter(has_text=indicators)
    indicators_card.get_by_label(dutch("Included in new reports")).uncheck()
    submit(page, indicators_card.get_by_role("button", name=f"Opslaan: “{indicators}”"))
    expect(page.locator("ol.oi-chapter-list > li").filter(has_text=indicators)).to_contain_text("uitgezet")

    page.get_by_label(dutch("Title of the new chapter")).fill("")
    submit(page, page.get_by_role("button", name=dutch("Add chapter")))
    expect(page.locator("#main")).to_contain_text("Geef het hoofdstuk een titel.")
    check_both_widths(page, "template with a refused title")
    page.get_by_label(dutch("Title of the new chapter")).fill("Cultuur en leiderschap")
    submit(page, page.get_by_role("button", name=dutch("Add chapter")))
    expect(page.locator("ol.oi-chapter-list > li").last).to_contain_text("Cultuur en leiderschap")
    check_both_widths(page, "template with an own chapter")

    report = services.report_create(organisation=org, first_year=2025, last_year=2025, by=alice)
    sections = list(report.sections.all())
    assert sections[0].title == second and sections[-1].key == "own-cultuur-en-leiderschap"
    assert not report.sections.get(key="indicators").enabled


def test_the_shared_service_coordinator_opens_the_counts_from_the_menu(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    service = organisation_create(
        name="Regionale Dienst Testland", slug="regionale-dienst-testland", kind=OrganisationKind.SHARED_SERVICE
    )
    served_organisation_add(organisation=org, shared_service=service, since=dt.date(2024, 1, 1), by=personas["erin"])
    sam = make_user(service, "sam", Role.COORDINATOR)
    context, _log = make_context()
    page = context.new_page()
    staff_login(page, live_server.url, sam)
    submit(page, page.locator("nav.oi-nav").get_by_role("link", name=dutch("Organisations served")))
    expect(page.locator("#main")).to_contain_text(org.name)
    check_both_widths(page, "shared service overview")
