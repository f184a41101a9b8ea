"""Log-in with the organisation's own account (ADR 0019) in headless Chromium, against the
real test identity provider (tests/oidc_provider) on 127.0.0.1. Every page visited — the
provider's log-in page too — is checked with axe-core."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.oidc_provider.fixture import PASSWORD as PROVIDER_PASSWORD

from .helpers import assert_accessible, dutch, serve_axe, staff_login, submit, totp_code, visit

pytestmark = pytest.mark.browser


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def _log_in_at_provider(page: Page, base: str, org: Any, provider: Any, username: str) -> None:
    """From our log-in page, through the organisation's button, to the provider and its form."""
    visit(page, f"{base}/account/inloggen/")
    assert_accessible(page, "log-in page with the organisation's button")
    button = page.get_by_role("link", name=dutch("Log in with the account of %(name)s") % {"name": org.name})
    submit(page, button)
    assert page.url.startswith(provider.base_url), page.url
    assert_accessible(page, "the provider's log-in page")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button").click()


def _context(make_context: Any, provider: Any) -> Page:
    context, _log = make_context()
    serve_axe(context, provider.base_url)  # axe on the provider's page too
    return context.new_page()


def test_an_employee_logs_in_with_the_organisations_account_and_sees_her_start_page(
    transactional_db: Any, live_server: Any, org: Any, oidc_provider: Any, oidc_configuration: Any, make_context: Any
) -> None:
    base = live_server.url
    page = _context(make_context, oidc_provider)
    _log_in_at_provider(page, base, org, oidc_provider, "ilse")
    page.wait_for_url(f"{base}/**")
    # Ilse manages the directorate in the register: her start page is its people.
    assert path_of(page) == "/medewerkers/personen/"
    expect(page.locator("#main h1")).to_be_visible()
    expect(page.locator("nav.oi-nav")).to_contain_text("Ilse van den Heuvel")  # her own account
    assert_accessible(page, "employee's start page after log-in with the organisation's account")


def test_someone_unknown_to_the_register_is_refused_in_dutch(
    transactional_db: Any, live_server: Any, org: Any, oidc_provider: Any, oidc_configuration: Any, make_context: Any
) -> None:
    from open_integriteit.accounts.models import User

    users = User.objects.count()
    base = live_server.url
    page = _context(make_context, oidc_provider)
    _log_in_at_provider(page, base, org, oidc_provider, "onbekend")
    page.wait_for_url(f"{base}/account/inloggen/oidc/geweigerd/")
    expect(page.get_by_test_id("oidc-refusal")).to_contain_text("Je staat niet in het personenregister")
    assert_accessible(page, "refusal page")
    assert User.objects.count() == users


def test_a_coordinator_is_still_asked_for_the_authenticator_app(
    transactional_db: Any,
    live_server: Any,
    org: Any,
    personas: Any,
    oidc_provider: Any,
    oidc_configuration: Any,
    make_context: Any,
) -> None:
    base = live_server.url
    page = _context(make_context, oidc_provider)
    _log_in_at_provider(page, base, org, oidc_provider, "alice")
    page.wait_for_url(f"{base}/account/verificatie/")
    assert_accessible(page, "two-step verification after log-in with the organisation's account")
    page.locator("#id_token").fill(totp_code(personas["alice"]))
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    assert path_of(page) == "/medewerkers/"
    assert_accessible(page, "coordinator dashboard")


def test_the_administrator_sets_up_the_provider_and_the_log_in_page_offers_it(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, oidc_provider: Any, make_context: Any
) -> None:
    base = live_server.url
    context, _log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["erin"])
    submit(page, page.locator('nav.oi-nav a[href="/account/beheer/inloggen-met-organisatie-account/"]'))
    expect(page.locator("#main code")).to_have_text(f"{base}/account/inloggen/oidc/terug/")
    assert_accessible(page, "log-in with the organisation's account: settings")
    # Saving without the required fields: a message per field, what was typed stays.
    page.locator("#id_client_id").fill(oidc_provider.client_id)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#form-errors[role=alert]")).to_be_visible()
    expect(page.locator("#id_client_id")).to_have_value(oidc_provider.client_id)
    assert_accessible(page, "log-in with the organisation's account: settings, with errors")

    page.locator("#id_issuer").fill(oidc_provider.issuer)
    page.locator("#id_client_secret").fill(oidc_provider.client_secret)
    page.get_by_label(dutch("Personnel number")).check()
    page.get_by_label(dutch("Offer log-in with this provider")).check()
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator(".utrecht-alert--ok, [role=status]").first).to_contain_text(
        dutch("The log-in settings have been saved.")
    )
    assert_accessible(page, "log-in with the organisation's account: saved")

    visitor = make_context()[0].new_page()
    visit(visitor, f"{base}/account/inloggen/")
    expect(
        visitor.get_by_role("link", name=dutch("Log in with the account of %(name)s") % {"name": org.name})
    ).to_be_visible()
