"""Procurement deviations, Bibob and complaints in headless Chromium, axe-core on every page
visited: the coordinator (alice) records a deviation from the procurement rules (a missing
amount first: a Dutch message, nothing typed lost), enters the Bibob totals of 2021 on the
Bibob page, and records a complaint that became one of her cases."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.cases import services as case_services
from open_integriteit.complaints.models import Complaint
from open_integriteit.figures import registry
from open_integriteit.procurement.models import Deviation

from .helpers import assert_accessible, dutch, open_register, staff_login, submit

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("OI_SCREENSHOTS")  # a directory: save the pages at 1280 and 375 px


def shoot(page: Page, name: str) -> None:
    if not SCREENSHOTS:
        return
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_coordinator_records_a_deviation_bibob_totals_and_a_complaint_linked_to_a_case(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    alice = personas["alice"]
    case = case_services.case_create(
        organisation=org, by=alice, title="Invented complaint about a manager", ground="business_integrity",
        signal="Invented signal.",
    )  # fmt: skip
    context, _log = make_context()
    page = context.new_page()
    staff_login(page, base, alice)

    # A deviation from the procurement rules.
    open_register(page, "Inkoopafwijkingen en Bibob")
    assert_accessible(page, "deviations (empty)")
    submit(page, page.locator("#main").get_by_role("link", name="Afwijking vastleggen"))
    assert_accessible(page, "record a deviation")
    page.locator("#id_date").fill("2025-02-03")
    page.locator("#id_subject").fill("Invented software licence")
    page.locator("#id_procedure").select_option("national")
    page.locator("#id_reason").select_option(label="Slechts één leverancier mogelijk")
    page.locator("#id_decided_by").fill("Invented director")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#form-errors")).to_contain_text(dutch("Enter the amount."))
    expect(page.locator("#id_subject")).to_have_value("Invented software licence")
    assert_accessible(page, "record a deviation, with an error")
    page.locator("#id_amount").fill("18500,50")
    shoot(page, "procurement-deviation-form")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main table tbody")).to_contain_text("Invented software licence")
    expect(page.locator("#main table tbody")).to_contain_text("18.500,50")
    assert_accessible(page, "deviations of 2025")
    shoot(page, "procurement-deviations")
    assert Deviation.objects.get().amount == 18500.50

    # Bibob totals for 2021, entered on the Bibob page.
    submit(page, page.locator("#main").get_by_role("link", name="Bibob"))
    page.locator("#id_year").select_option("2021")
    submit(page, page.locator("#main form.oi-grid button[type=submit]"))
    assert_accessible(page, "Bibob, 2021")
    page.locator("#id_totals-risk_analysis__permits").fill("6")
    page.locator("#id_totals-investigation__real_estate").fill("2")
    page.locator("#id_totals-source").fill("Jaarverslag 2021")
    submit(page, page.get_by_role("button", name="Totalen voor 2021 opslaan"))
    expect(page.locator("#main")).to_contain_text("6 (ingevoerd totaal)")
    expect(page.locator("#id_totals-risk_analysis__permits")).to_have_value("6")
    assert_accessible(page, "Bibob, 2021 with entered totals")
    shoot(page, "procurement-bibob-totals")
    figures = registry.year_figures(organisation=org, year=2021)
    assert figures["procurement.bibob_risk_analyses"].entered
    assert figures["procurement.bibob_investigations"].total == 2

    # A complaint that became the case.
    open_register(page, "Klachten en incidenten")
    assert_accessible(page, "complaints and incidents (empty)")
    submit(page, page.locator("#main").get_by_role("link", name="Klacht vastleggen"))
    page.locator("#id_received_on").fill("2025-03-04")
    page.locator("#id_kind").select_option("bullying")
    page.locator("#id_external").check()
    page.locator("#id_committee").fill("LKOG")
    page.locator("#id_description").fill("Invented description of the complaint")
    page.locator("#id_outcome").select_option("pending")
    page.locator("#id_case").select_option(str(case.pk))
    assert_accessible(page, "record a complaint")
    shoot(page, "complaints-complaint-form")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    row = page.locator("#complaints-caption").locator("xpath=..").locator("tbody tr").first
    expect(row).to_contain_text("LKOG")
    expect(row).to_contain_text(case.reference)
    assert_accessible(page, "complaints of 2025")
    shoot(page, "complaints-overview")
    assert Complaint.objects.get().case == case
