"""The annual programme in headless Chromium, every page checked with axe-core: alice
(coordinator) adds an action to 2026, carries an unfinished one to 2027 with one click,
reloads (nothing is carried twice) and finds the copy in 2027 with its origin."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.programme import services
from open_integriteit.programme.models import Action

from .helpers import assert_accessible, open_register, origin, staff_login, submit, visit

pytestmark = pytest.mark.browser


def screenshot(page: Page, name: str) -> None:
    """With OI_SCREENSHOTS=<directory>: the page at 1280 and 375 pixels wide (docs/screenshots)."""
    directory = os.environ.get("OI_SCREENSHOTS")
    if not directory:
        return
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(directory) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_alice_carries_an_unfinished_action_to_next_year(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    alice = personas["alice"]
    services.action_add(
        organisation=org,
        by=alice,
        year=2025,
        title="Gedragscode herzien",
        status="done",
        outcome="Vastgesteld in juni.",
    )
    services.action_add(
        organisation=org, by=alice, year=2026, title="Lijst kwetsbare functies herzien", status="in_progress"
    )
    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, alice)
    open_register(page, "Jaarprogramma")
    visit(page, f"{base}/jaarprogramma/2026/")
    expect(page.locator("#main")).to_contain_text("Vastgesteld in juni.")  # last year's outcome
    assert_accessible(page, "programme 2026")

    submit(page, page.locator("#main").get_by_role("link", name="Actiepunt toevoegen"))
    assert_accessible(page, "new action")
    page.locator("#id_title").fill("Dilemmasessies voor alle teams")
    page.locator("#id_owner_text").fill("Team integriteit")
    page.locator("#id_quarter").select_option("q2")
    page.locator("#id_status").select_option("planned")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main")).to_contain_text("Dilemmasessies voor alle teams")

    row = page.locator("#main tr", has_text="Lijst kwetsbare functies herzien")
    submit(page, row.get_by_role("button", name="Doorschuiven naar 2027"))
    expect(page.locator("#main tr", has_text="Lijst kwetsbare functies herzien")).to_contain_text(
        "doorgeschoven naar 2027"
    )
    assert_accessible(page, "programme 2026 after carrying")
    screenshot(page, "programme-year")
    page.reload()  # the page after the post is a GET: a reload carries nothing again
    page.go_back()
    page.go_forward()
    assert Action.objects.filter(year=2027).count() == 1

    visit(page, f"{base}/jaarprogramma/2027/")
    plan = page.locator("#plan-heading + p + div tr", has_text="Lijst kwetsbare functies herzien")
    expect(plan).to_contain_text("doorgeschoven uit 2026")
    assert_accessible(page, "programme 2027")
    assert log.foreign(origin(base)) == []
