"""The public registers in headless Chromium (ADR 0022): a visitor without an account opens
the organisation's registers, each register, a second page and the history; every page is
checked with axe-core and nothing is loaded from another host."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import expect

from open_integriteit.declarations import publication
from open_integriteit.declarations.models import GiftDestination, Kind
from open_integriteit.declarations.tests.publication_world import build_publication_world
from open_integriteit.declarations.workflow import State

from .helpers import assert_accessible, origin, submit, visit

pytestmark = pytest.mark.browser


def test_a_visitor_reads_every_public_register_and_its_history(
    transactional_db: Any, live_server: Any, org: Any, make_context: Any
) -> None:
    base = live_server.url.rstrip("/")
    world = build_publication_world(org)
    world.declaration(world.people["council"], Kind.SIDE_JOB, body="Voetbalclub Invented", paid=True)
    world.declaration(world.people["alderman"], Kind.FINANCIAL_INTEREST, description="Aandelen Invented NV")
    gift = world.declaration(world.people["alderman"], Kind.GIFT, giver="Bouwbedrijf Invented")
    gift.destination = GiftDestination.CHARITY
    gift.save()
    for number in range(51):
        world.declaration(world.people["duty"], Kind.SIDE_JOB, role=f"Docent {number:02d}", state=State.RESTRICTED)
    world.declaration(world.people["council"], Kind.SIDE_JOB, role="Secretaris", state=State.ENDED)  # the newest

    context, log = make_context(java_script_enabled=False)
    page = context.new_page()
    visit(page, f"{base}/openbaar/{org.slug}/")
    expect(page.locator("h1")).to_have_text("Openbare registers")
    context_js, _log = make_context()
    checked = context_js.new_page()

    def check(url: str, where: str) -> None:
        visit(checked, url)
        assert_accessible(checked, where)

    check(page.url, "public registers")
    for register in publication.REGISTERS:
        with translation.override("nl"):
            title = str(register.title)
        submit(page, page.locator("#main table").get_by_role("link", name=title, exact=True))
        expect(page.locator("h1")).to_have_text(title)
        check(page.url, register.slug)
        visit(page, f"{base}/openbaar/{org.slug}/")
    visit(page, f"{base}/openbaar/{org.slug}/nevenfuncties-functies/")
    expect(page.locator("#main table")).to_contain_text("Niet tijdens werktijd")
    submit(page, page.get_by_role("link", name="Volgende"))
    assert page.url.endswith("?pagina=2")
    check(page.url, "posts register, page 2")
    submit(page, page.get_by_role("link", name="Geschiedenis van de publicatie").first)
    expect(page.locator("#main table")).to_contain_text("Beëindigd")
    check(page.url, "history")
    assert log.foreign(origin(base)) == []
