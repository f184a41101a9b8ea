"""User management in headless Chromium: four-eyes approval of a content role, and the
"forgot password" page; every page checked with axe-core."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.access import roles as access_roles
from open_integriteit.accounts.models import User

from .helpers import assert_accessible, staff_login, submit, visit

pytestmark = pytest.mark.browser


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def test_a_role_given_by_the_administrator_counts_after_the_coordinator_approves(
    transactional_db: Any, live_server: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    mila = personas["mila"]
    roles_url = f"/account/beheer/gebruikers/{mila.pk}/rollen/"

    # The administrator gives mila the investigator role: it waits for approval.
    context, _log = make_context()
    erin = context.new_page()
    staff_login(erin, base, personas["erin"])
    submit(erin, erin.locator(f'#main a[href="{roles_url}"]'))
    assert path_of(erin) == roles_url
    assert_accessible(erin, "roles page")
    erin.get_by_label("Onderzoeker", exact=True).check()
    submit(erin, erin.locator("#main form.oi-form button[type=submit]").first)
    expect(erin.locator("#main")).to_contain_text("wacht op goedkeuring")
    assert_accessible(erin, "users and roles, a role waiting")
    assert not access_roles.holds(User.objects.get(pk=mila.pk), "investigator")
    visit(erin, base + roles_url)
    expect(erin.get_by_label("Onderzoeker (wacht op goedkeuring)", exact=True)).to_be_checked()
    assert_accessible(erin, "roles page, a role waiting")

    # The administrator sees the waiting role but cannot approve her own grant.
    visit(erin, f"{base}/account/rollen-goedkeuren/")
    expect(erin.locator("#main")).to_contain_text("Een andere goedkeurder beslist")
    expect(erin.locator("#main button[value=approve]")).to_have_count(0)
    assert_accessible(erin, "roles to approve, as the administrator who gave it")

    # The coordinator approves it from the menu.
    context, _log = make_context()
    alice = context.new_page()
    staff_login(alice, base, personas["alice"])
    submit(alice, alice.locator('nav.oi-nav a[href="/account/rollen-goedkeuren/"]'))
    assert_accessible(alice, "roles to approve")
    submit(alice, alice.locator("#main button[value=approve]"))
    expect(alice.locator("#main")).to_contain_text("Er wachten geen rollen op goedkeuring.")
    assert_accessible(alice, "roles to approve, after approving")
    assert access_roles.holds(User.objects.get(pk=mila.pk), "investigator")

    # The roles page now shows the role checked, no longer waiting.
    visit(erin, base + roles_url)
    expect(erin.get_by_label("Onderzoeker", exact=True)).to_be_checked()
    expect(erin.locator("#main")).not_to_contain_text("wacht op goedkeuring")
    assert_accessible(erin, "roles page, the role approved")


def test_forgot_password_pages_are_accessible(
    transactional_db: Any, live_server: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    context, _log = make_context()
    page = context.new_page()
    visit(page, f"{base}/account/inloggen/")
    submit(page, page.get_by_role("link", name="Wachtwoord vergeten?"))
    assert_accessible(page, "forgot password")
    page.locator("#id_identifier").fill("nobody@example.invalid")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    assert path_of(page) == "/account/wachtwoord-vergeten/verstuurd/"
    assert_accessible(page, "password link sent")
    visit_response = page.goto(f"{base}/account/wachtwoord-vergeten/MQ/invalid/")
    assert visit_response is not None and visit_response.status == 404
    assert_accessible(page, "a password link that does not work")
