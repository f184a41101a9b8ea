"""Search in the browser (issue 7): from the box in the staff header to the results, at
desktop and phone width, checked with axe-core; a colleague without need-to-know finds
nothing."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.reports import services as report_services

from .helpers import assert_accessible, dutch, staff_login, submit

pytestmark = pytest.mark.browser


def search_from_the_header(page: Page, words: str) -> None:
    page.locator("nav.oi-nav form[role=search] input[name=q]").fill(words)
    submit(page, page.locator("nav.oi-nav form[role=search] button[type=submit]"))
    assert urlsplit(page.url).path == "/medewerkers/zoeken/"


def fits(page: Page) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_handler_finds_a_report_from_the_header_and_an_unassigned_colleague_does_not(
    transactional_db: Any, live_server: Any, personas: Any, make_report: Any, make_context: Any
) -> None:
    base = live_server.url
    report, _code = make_report(what_happened="Invented: the façade contractor pays the inspector.")
    report_services.report_assign(report=report, by=personas["alice"], user=personas["bob"])

    context, _log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["bob"])
    search_from_the_header(page, "Facade inspect")
    result = page.locator("#main table").first.get_by_role("link", name=report.reference, exact=True)
    expect(result).to_be_visible()
    assert_accessible(page, "search results (1280 px)")
    page.set_viewport_size({"width": 375, "height": 800})
    assert fits(page), "the search page scrolls sideways at 375 px"
    assert_accessible(page, "search results (375 px)")
    submit(page, result)
    assert urlsplit(page.url).path == f"/medewerkers/meldingen/{report.reference}/"

    context, _log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["carol"])
    search_from_the_header(page, report.reference)
    expect(page.locator("#main")).to_contain_text(dutch("No reports found."))
    expect(page.locator("#main table a", has_text=report.reference)).to_have_count(0)
    assert_accessible(page, "search without results")
