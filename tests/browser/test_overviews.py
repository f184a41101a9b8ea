"""The coordinator's overviews in headless Chromium: the dashboard summary and the deadline
overview, at 1280 and 375 pixels, fit the window and pass axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from open_integriteit.reports.models import Report

from .helpers import assert_accessible, staff_login, submit, visit

pytestmark = pytest.mark.browser

WIDTH = """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"""


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 800}], ids=["1280px", "375px"]
)
def test_coordinator_opens_dashboard_and_deadline_overview(
    transactional_db: Any, live_server: Any, personas: Any, make_report: Any, make_context: Any, viewport: Any
) -> None:
    base = live_server.url
    overdue, _ = make_report()
    Report.objects.filter(pk=overdue.pk).update(received_at=timezone.now() - dt.timedelta(days=9))
    fresh, _ = make_report()
    context, _log = make_context(viewport=viewport)
    page = context.new_page()
    staff_login(page, base, personas["alice"])

    visit(page, f"{base}/medewerkers/")
    expect(page.locator('[data-testid="deadline-counts"]')).to_be_visible()
    expect(page.locator("#main")).to_contain_text(overdue.reference)
    size = page.evaluate(WIDTH)
    assert size["scroll"] <= size["inner"], f"dashboard is {size['scroll']} px wide at {size['inner']} px"
    assert_accessible(page, f"dashboard ({viewport['width']} px)")

    submit(page, page.locator("#main").get_by_role("link", name="Alle openstaande termijnen"))
    rows = page.locator("#main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(overdue.reference)  # overdue first
    expect(rows.nth(1)).to_contain_text(fresh.reference)
    size = page.evaluate(WIDTH)
    assert size["scroll"] <= size["inner"], f"deadline overview is {size['scroll']} px wide at {size['inner']} px"
    assert_accessible(page, f"deadline overview ({viewport['width']} px)")

    page.locator("#id_state").select_option("overdue")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(rows).to_have_count(1)
    assert_accessible(page, f"deadline overview, filtered ({viewport['width']} px)")
