"""Update rounds in headless Chromium, every page checked with axe-core: the register clerk
changes the default dates, starts a round by choosing its kind (the dates come from the
defaults, to check), sees completion per unit and per person, sends the last reminder once
and closes the round; the coordinator reads it."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from open_integriteit.accounts.models import Role
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import ROWS, as_csv
from open_integriteit.testing.fixtures import make_user

from .helpers import assert_accessible, origin, staff_login, submit

pytestmark = pytest.mark.browser


def test_the_register_clerk_runs_an_update_round_and_the_coordinator_reads_it(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    rita = make_user(org, "rita", Role.REGISTER_CLERK)
    rows = [list(row) for row in ROWS]
    rows[5][18] = "mila"  # the official 9001 has an account
    people_import(organisation=org, by=rita, file_name="hr.csv", data=as_csv(rows), dry_run=False)

    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, rita)
    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/opgaverondes/"]'))
    expect(page.locator("#main table tbody")).to_contain_text("Nog geen rondes")
    assert_accessible(page, "rounds (none yet)")

    submit(page, page.locator("#main").get_by_role("link", name="Standaarddata"))
    assert_accessible(page, "default dates")
    # Rounds for everyone also open in this month: a round started now opens today.
    page.locator(f"#id_everyone_months_{timezone.localdate().month - 1}").check()
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main").get_by_role("link", name="Ronde starten")).to_be_visible()

    submit(page, page.locator("#main").get_by_role("link", name="Ronde starten"))
    assert_accessible(page, "start a round")
    expect(page.locator("#id_kind")).to_have_value("")
    page.locator("#id_kind").select_option("everyone")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#id_opens_on")).to_have_value(timezone.localdate().isoformat())
    expect(page.locator("#id_asks_0")).to_be_checked()
    assert_accessible(page, "start a round, dates filled in")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))

    expect(page.locator("[data-testid=round-figures]")).to_contain_text("0 van 6")
    expect(page.locator("#main table").last.locator("tbody tr")).to_have_count(6)
    assert_accessible(page, "round page")
    submit(page, page.get_by_role("button", name="Laatste herinnering versturen"))
    expect(page.get_by_role("button", name="Laatste herinnering versturen")).to_have_count(0)
    assert_accessible(page, "round page after the last reminder")
    round_url = page.url
    submit(page, page.get_by_role("button", name="Ronde afsluiten"))
    expect(page.locator("#figures-heading")).to_have_text("Cijfers bij afsluiting")
    expect(page.get_by_role("button", name="Ronde afsluiten")).to_have_count(0)
    assert_accessible(page, "closed round")

    context, alice_log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["alice"])
    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/opgaverondes/"]'))
    expect(page.locator("#main").get_by_role("link", name="Ronde starten")).to_have_count(0)
    assert_accessible(page, "rounds of the coordinator")
    page.goto(round_url)
    expect(page.locator("[data-testid=round-status]")).to_contain_text("Afgesloten")

    for request_log in (log, alice_log):
        assert request_log.foreign(origin(base)) == []
