"""The oath and affirmation in headless Chromium, axe-core on every page: the register clerk
sees two people overdue, records a ceremony (one refused try first), finds both in the
register, chooses the oath for one and the affirmation for the other, sees the ceremony
listed with one of each, and both are off the overdue list. A manager reads the overdue
list of his units only.

Set ``OI_SCREENSHOT_DIR`` to keep screenshots of the pages at 1280 px and 375 px.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from open_integriteit.accounts.models import Role
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import ROWS, as_csv
from open_integriteit.testing.fixtures import make_user

from .helpers import assert_accessible, open_register, origin, staff_login, submit

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("OI_SCREENSHOT_DIR")


def shoot(page: Page, name: str) -> None:
    if not SHOTS:
        return
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_register_clerk_records_a_ceremony_and_both_are_off_the_overdue_list(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    rita = make_user(org, "rita", Role.REGISTER_CLERK)
    rows = [list(row) for row in ROWS]
    rows[1][18] = "dave"  # Bram (1002) manages OMG; Ilse (1001) is in DIR, above it
    result = people_import(organisation=org, by=rita, file_name="hr.csv", data=as_csv(rows), dry_run=False)
    assert result.errors == []

    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, rita)
    open_register(page, "Eed en belofte")
    overdue = page.locator("#main table tbody")
    expect(overdue).to_contain_text("Ilse van den Heuvel")
    expect(overdue).to_contain_text("Bram Aksoy")
    assert_accessible(page, "overdue list")
    shoot(page, "onboarding-overdue")

    submit(page, page.locator("#main").get_by_role("link", name="Beëdigingen"))
    assert_accessible(page, "ceremonies (none)")
    submit(page, page.locator("#main").get_by_role("link", name="Beëdiging vastleggen"))
    assert_accessible(page, "record a ceremony")
    page.locator("#id_place").fill("Statenzaal")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main")).to_contain_text("Vul de datum in.")
    expect(page.locator("#id_place")).to_have_value("Statenzaal")  # nothing typed is lost
    assert_accessible(page, "record a ceremony, refused")

    page.locator("#id_held_on").fill(timezone.localdate().isoformat())
    page.get_by_label("Fysiek").check()
    page.locator("#id_administered_by").fill("Invented Secretary")
    page.locator("#id_group").select_option("employee")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("h1")).to_contain_text("Beëdiging")
    assert_accessible(page, "ceremony without participants")

    for surname, name in (("heuvel", "Ilse van den Heuvel (1001)"), ("aksoy", "Bram Aksoy (1002)")):
        page.locator("#id_q").fill(surname)
        submit(page, page.locator("#main form[role=search] button"))
        assert_accessible(page, f"search for {surname}")
        page.get_by_label(name).check()
        submit(page, page.get_by_role("button", name="Gekozen personen toevoegen"))

    ilse = page.get_by_label("Ilse van den Heuvel", exact=True)
    bram = page.get_by_label("Bram Aksoy", exact=True)
    expect(ilse).to_have_value("")  # the choice starts empty
    ilse.select_option(label="Eed")
    bram.select_option(label="Belofte")
    submit(page, page.get_by_role("button", name="Eden en beloften opslaan"))
    expect(page.get_by_label("Ilse van den Heuvel", exact=True)).to_have_value("oath")
    expect(page.get_by_label("Bram Aksoy", exact=True)).to_have_value("affirmation")
    assert_accessible(page, "ceremony with two participants")
    shoot(page, "onboarding-ceremony")

    submit(page, page.locator("#main").get_by_role("link", name="Terug naar de beëdigingen"))
    row = page.locator("#main table tbody tr").first
    expect(row).to_contain_text("Statenzaal")
    expect(row.locator("td").nth(3)).to_have_text("1")  # oaths
    expect(row.locator("td").nth(4)).to_have_text("1")  # affirmations
    assert_accessible(page, "ceremonies")

    submit(page, page.locator("#main").get_by_role("link", name="Te laat"))
    expect(page.locator("#main table tbody")).not_to_contain_text("Ilse van den Heuvel")
    expect(page.locator("#main table tbody")).not_to_contain_text("Bram Aksoy")
    submit(page, page.locator("#main").get_by_role("link", name="Instellingen"))
    assert_accessible(page, "settings")

    # Sanne (1003, hired) signs an integrity statement: found from the list of statements.
    submit(page, page.locator("#main").get_by_role("link", name="Verklaringen en VOG's"))
    assert_accessible(page, "statements and certificates")
    page.locator("#id_q").fill("wit")
    submit(page, page.locator("#main form[role=search] button"))
    submit(page, page.locator("#main").get_by_role("link", name="Sanne de Wit (1003)"))
    page.get_by_label("Getekend als").select_option("hired")
    page.get_by_label("Getekend op").fill("2026-01-05")
    page.get_by_label("Versie van de verklaring").fill("2024-1")
    submit(page, page.get_by_role("button", name="Verklaring vastleggen"))
    expect(page.locator("#statements-heading + ul")).to_contain_text("2024-1")
    assert_accessible(page, "person's oath, statements and certificates")
    shoot(page, "onboarding-person")

    context, dave_log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["dave"])
    open_register(page, "Eed en belofte")
    expect(page.locator("#main table tbody")).to_contain_text("Niemand is te laat.")  # Bram took it; Ilse is not his
    assert_accessible(page, "overdue list of a manager")

    for request_log in (log, dave_log):
        assert request_log.foreign(origin(base)) == []
