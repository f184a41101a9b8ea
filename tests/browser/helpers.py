"""Helpers for the browser tests: axe-core checks, staff login with TOTP, request logs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Locator, Page

from open_integriteit.testing.fixtures import PASSWORD

AXE_FILE = Path(__file__).parent / "vendor" / "axe.min.js"
# axe is served under the live server's own origin (by Playwright, never by Django), so the
# app's Content-Security-Policy (script-src 'self') stays enforced while axe runs.
AXE_PATH = "/__browser-tests__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}"""


def dutch(message: str) -> str:
    """The text the app shows for a message in Dutch, the default language (the English
    source text as long as the Dutch catalogue has no translation for it)."""
    with translation.override("nl"):
        return gettext(message)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class RequestLog:
    urls: list[str] = field(default_factory=list)

    def foreign(self, allowed_origin: str) -> list[str]:
        """Every request that did not go to the allowed origin (data: URLs are not requests)."""
        return [u for u in self.urls if not u.startswith("data:") and origin(u) != allowed_origin]


def serve_axe(context: BrowserContext, base_url: str) -> None:
    url = base_url.rstrip("/") + AXE_PATH
    context.route(
        lambda u: u == url,
        lambda route: route.fulfill(path=AXE_FILE, content_type="application/javascript; charset=utf-8"),
    )


def format_violations(violations: list[dict[str, Any]], where: str) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    target: {json.dumps(node['target'])}")
            lines.append(f"    html:   {node['html'][:400]}")
            if node.get("summary"):
                lines.append("    " + node["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


def assert_accessible(page: Page, where: str = "") -> None:
    """Run axe-core (WCAG 2.0/2.1 A+AA, 2.2 AA) on the page as it is now; zero violations."""
    where = where or page.url
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=origin(page.url) + AXE_PATH)
    violations = page.evaluate(AXE_RUN, AXE_TAGS)
    assert violations == [], format_violations(violations, where)


class SnapshotChecker:
    """Checks pages seen in a JavaScript-disabled context, where axe cannot run: the page's
    HTML (as that browser has it) is served again, under its own URL so styles load from the
    live server, to a JavaScript-enabled page, and axe runs there."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.checked: list[str] = []

    def check(self, seen: Page, where: str) -> None:
        url, html = seen.url, seen.content()

        def matches(candidate: str) -> bool:
            return candidate == url

        def handler(route: Any) -> None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        self.page.route(matches, handler)
        try:
            self.page.goto(url)
            assert_accessible(self.page, f"{where} ({url}, JavaScript off)")
        finally:
            self.page.unroute(matches, handler)
        self.checked.append(where)


def submit(page: Page, button: Locator) -> None:
    """Click a link or submit button, wait until the next page has loaded; it must not be an error."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    assert response is not None and response.status < 400, f"{response and response.status} at {page.url}"


def open_register(page: Page, name: str | None = None, *, href: str | None = None) -> None:
    """Through the menu entry "Registers en cijfers" to one of the registers listed there."""
    submit(page, page.locator("nav.oi-nav").get_by_role("link", name=dutch("Registers and figures")))
    assert_accessible(page, "registers page")
    listing = page.locator("main .oi-register-list")
    submit(page, listing.locator(f'a[href="{href}"]') if href else listing.get_by_role("link", name=name))


def visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{response and response.status} at {url}"


def totp_code(user: Any) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def staff_login(page: Page, base_url: str, user: Any) -> None:
    """Log in through the real login and two-step pages, checking both with axe."""
    visit(page, f"{base_url}/account/inloggen/")
    assert_accessible(page, "staff login page")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    assert urlsplit(page.url).path == "/account/verificatie/", page.url
    assert_accessible(page, "two-step verification page")
    page.locator("#id_token").fill(totp_code(user))
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    assert urlsplit(page.url).path != "/account/verificatie/", "the TOTP code was refused"
