"""The declarant's pages in headless Chromium, every page checked with axe-core: an
employee opens "Mijn opgaven", submits an incomplete side job (a Dutch message per field,
nothing typed lost), completes and submits it, answers "nothing to declare" for gifts; an
official declares a gift above the threshold and is told to hand it in; the manager opens
the declaration."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from open_integriteit.declarations.models import Declaration, NilReturn
from open_integriteit.declarations.tests.factories import build_declaration_world
from open_integriteit.testing.fixtures import PASSWORD

from .helpers import assert_accessible, origin, staff_login, submit, visit

pytestmark = pytest.mark.browser


def employee_login(page: Any, base: str, user: Any) -> None:
    """An employee's log-in: password only (no role that needs a second factor)."""
    visit(page, f"{base}/account/inloggen/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))


def test_an_employee_declares_a_side_job_and_the_manager_sees_it(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    world = build_declaration_world(org, personas)
    context, log = make_context()
    page = context.new_page()
    employee_login(page, base, world.users["mila"])
    submit(page, page.locator('nav.oi-nav a[href="/mijn-opgaven/"]'))
    assert_accessible(page, "my declarations (empty)")
    expect(page.locator("#main")).not_to_contain_text("Financieel belang")  # not a designated post

    submit(page, page.locator('#main a[href="/mijn-opgaven/nieuw/side_job/"]'))
    expect(page.locator("#main input[name=paid]:checked")).to_have_count(0)  # starts empty
    assert_accessible(page, "new side job")
    page.locator("#id_body").fill("Invented Choir")
    page.locator("#id_hours_per_month").fill("800")
    submit(page, page.get_by_role("button", name="Indienen"))
    expect(page.locator("#form-errors")).to_contain_text("Vul het aantal uren per maand in")
    expect(page.locator("#id_body")).to_have_value("Invented Choir")
    assert_accessible(page, "new side job with errors")

    page.locator("#id_role").fill("Conductor")
    page.locator("#id_hours_per_month").fill("8")
    page.locator("#main input[name=paid][value=no]").check()
    page.locator("#id_relation_to_work").fill("None")
    page.locator("#id_starts_on").fill("2024-02-01")
    submit(page, page.get_by_role("button", name="Indienen"))
    expect(page.locator("#main")).to_contain_text("Uw opgave is ingediend")
    assert_accessible(page, "submitted side job")
    declaration = Declaration.objects.get()
    assert declaration.state == "submitted" and declaration.post is not None

    submit(page, page.get_by_role("link", name="Terug naar mijn opgaven"))
    submit(page, page.locator('#main form[action="/mijn-opgaven/niets-te-melden/gift/"] button'))
    expect(page.locator("#main")).to_contain_text("Uw antwoord is vastgelegd")
    assert_accessible(page, "my declarations with an answer")
    assert NilReturn.objects.filter(kind="gift", answer="nothing_to_declare").exists()

    context, dave_log = make_context()
    page = context.new_page()
    staff_login(page, base, world.users["dave"])
    visit(page, f"{base}/mijn-opgaven/{declaration.pk}/")
    expect(page.locator("#main")).to_contain_text("Opgegeven door Mila Mulder")
    assert_accessible(page, "the declaration as the manager sees it")

    for request_log in (log, dave_log):
        assert request_log.foreign(origin(base)) == []


def test_an_official_declares_a_gift_above_the_threshold(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    world = build_declaration_world(org, personas)
    context, _log = make_context()
    page = context.new_page()
    employee_login(page, base, world.users["piet"])
    visit(page, f"{base}/mijn-opgaven/nieuw/side_job/")
    expect(page.locator("#main input[name=by_virtue_of_office]")).to_have_count(2)  # q.q. is asked
    visit(page, f"{base}/mijn-opgaven/nieuw/gift/")
    assert_accessible(page, "new gift")
    page.locator("#id_giver").fill("Invented Supplier")
    page.locator("#id_occasion").fill("Opening")
    page.locator("#id_estimated_value").fill("120,00")
    page.locator("#id_received_on").fill("2025-06-01")
    page.locator("#main input[name=accepted][value=yes]").check()
    submit(page, page.get_by_role("button", name="Concept opslaan"))
    expect(page.locator("#main")).to_contain_text("Dit is een concept")
    assert_accessible(page, "gift draft")
    submit(page, page.get_by_role("link", name="Wijzigen of indienen"))
    expect(page.locator("#id_giver")).to_have_value("Invented Supplier")
    submit(page, page.get_by_role("button", name="Indienen"))
    expect(page.locator("#main")).to_contain_text("lever het in bij de registerbeheerder")
    assert_accessible(page, "submitted gift above the threshold")
