"""Deciding on declarations in headless Chromium, every page checked with axe-core: the
manager opens the queue from the menu, gets a Dutch message for an empty decision and
approves a side job with a restriction; the register clerk filters the queue, records the
destination of a gift above the threshold and opens the register settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from open_integriteit.declarations.models import Declaration, Kind
from open_integriteit.declarations.tests.decision_fixtures import build
from open_integriteit.declarations.workflow import State

from .helpers import assert_accessible, origin, staff_login, submit

pytestmark = pytest.mark.browser


def test_the_manager_decides_and_the_clerk_records_a_gifts_destination(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    w = build(org, personas)
    side_job = w.submitted()
    gift = w.submitted(
        kind=Kind.GIFT,
        giver="Invented Supplier",
        occasion="New year",
        estimated_value=Decimal("120"),
        received_on=dt.date(2025, 1, 10),
        accepted=True,
    )

    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, w.people["dave"])
    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/opgaven/"]'))
    expect(page.locator("#main table tbody tr")).to_have_count(2)
    assert_accessible(page, "decision queue of a manager")
    submit(page, page.locator(f'#main a[href="/medewerkers/opgaven/{side_job.pk}/"]'))
    expect(page.locator("#main")).to_contain_text("Invented Sports Club")
    assert_accessible(page, "decision page")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#form-errors")).to_contain_text("Kies een besluit.")
    assert_accessible(page, "decision page with errors")
    page.locator("#main input[name=decision][value=approve_restricted]").check()
    page.locator("#id_reason").fill("Invented: no conflict with the work.")
    page.locator("#id_restriction").fill("Not during office hours")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main")).to_contain_text("Het besluit is vastgelegd.")
    expect(page.locator("#main table tbody tr")).to_have_count(1)  # the gift still waits
    assert_accessible(page, "decision queue after deciding")
    assert Declaration.objects.get(pk=side_job.pk).state == State.RESTRICTED

    context, rita_log = make_context()
    page = context.new_page()
    staff_login(page, base, w.people["rita"])
    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/opgaven/"]'))
    assert_accessible(page, "decision queue of the register clerk")
    page.locator("#id_kind").select_option("gift")
    submit(page, page.locator("#main form.oi-grid button[type=submit]"))
    expect(page.locator("#main table tbody tr")).to_have_count(1)
    assert_accessible(page, "decision queue filtered")
    submit(page, page.locator("#main").get_by_role("link", name="In te leveren geschenken"))
    assert_accessible(page, "gifts to hand in")
    submit(page, page.locator(f'#main a[href="/medewerkers/opgaven/{gift.pk}/geschenk/"]'))
    assert_accessible(page, "gift destination form")
    page.locator("#id_handed_in_on").fill("2025-01-15")
    page.locator("#id_destination").select_option("raffled")
    page.locator("#id_note").fill("Invented raffle at the new year's drinks")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main")).to_contain_text("Er wachten geen geschenken op een bestemming.")
    assert_accessible(page, "gifts to hand in, none left")
    assert Declaration.objects.get(pk=gift.pk).destination == "raffled"
    submit(page, page.locator("#main").get_by_role("link", name="Terug naar de opgaven"))
    submit(page, page.locator("#main").get_by_role("link", name="Instellingen van de registers"))
    assert_accessible(page, "register settings")
    page.locator("#id_gift_threshold").fill("75")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main")).to_contain_text("De instellingen van de registers zijn opgeslagen.")
    assert_accessible(page, "register settings saved")

    for request_log in (log, rita_log):
        assert request_log.foreign(origin(base)) == []
