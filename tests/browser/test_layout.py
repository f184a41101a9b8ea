"""What the eye sees, checked without screenshots: a chosen option looks chosen, and no page is
wider than a phone.

- Every kind of choice (radio buttons, a list of checkboxes, one checkbox) shows its checked
  state through the design system: the computed background of a checked control is the
  organisation's colour, with its dot or tick, and that of an unchecked one is not, at 1280 and at 375 pixels, also
  after a validation error sent the page back.
- At 375 pixels no page of the persona tour scrolls sideways; tables scroll inside their own
  labelled, focusable region instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from open_integriteit.accounts.models import Role, User
from open_integriteit.advice import services as advice_services
from open_integriteit.advice.topics import ADVICE_TOPICS
from open_integriteit.cases import services as case_services
from open_integriteit.cases.models import Case, Finding
from open_integriteit.consultations import services as consultation_services
from open_integriteit.consultations.models import AdviserKind
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.core.forms import EMPTY_LABEL
from open_integriteit.lists.models import ListEntry
from open_integriteit.testing.fixtures import make_user

from .helpers import assert_accessible, dutch, origin, staff_login, submit, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}

LOOK = """(input) => {
  const style = getComputedStyle(input);
  return {checked: input.checked, background: style.backgroundColor, image: style.backgroundImage};
}"""
NO_FOCUS_NO_HOVER = "() => document.activeElement && document.activeElement.blur()"


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def look(page: Page, control: Locator) -> dict[str, Any]:
    """The control at rest: no pointer over it and no focus (those states have their own look)."""
    page.mouse.move(0, 0)
    page.evaluate(NO_FOCUS_NO_HOVER)
    return control.evaluate(LOOK)


def expect_unchecked(page: Page, control: Locator, colour: str) -> None:
    seen = look(page, control)
    assert not seen["checked"] and seen["background"] != colour and "svg" not in seen["image"], seen


def expect_checked(page: Page, control: Locator, colour: str) -> None:
    seen = look(page, control)
    assert seen["checked"], seen
    assert seen["background"] == colour, f"checked, but drawn as {seen}"
    kind = control.get_attribute("type")
    # The mark on top of the colour: a dot for a radio button, a tick for a checkbox.
    assert ("radial-gradient" if kind == "radio" else "svg") in seen["image"], seen


def choose(page: Page, control: Locator, colour: str) -> None:
    """Click a control (on its label, as people do) and see it drawn as chosen."""
    expect_unchecked(page, control, colour)
    page.locator(f'label[for="{control.get_attribute("id")}"]').click()
    expect_checked(page, control, colour)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_every_kind_of_choice_looks_chosen_also_after_an_error(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_report: Any, make_context: Any, viewport: Any
) -> None:
    base = live_server.url
    brand = rgb(org.primary_colour)
    report, _code = make_report(what_happened="Invented: a supplier always wins.")

    # The reporting form: radio buttons, chosen, and still chosen after a validation error.
    context, _ = make_context(viewport=viewport)
    page = context.new_page()
    visit(page, f"{base}/melden/{org.slug}/formulier/")
    choose(page, page.locator("input[name=anonymity][value=anonymous]"), brand)
    choose(page, page.locator("input[name=ground][value=business_integrity]"), brand)
    expect_unchecked(page, page.locator("input[name=anonymity][value=open]"), brand)
    assert_accessible(page, "report form, two choices made")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#form-errors[role=alert]")).to_be_visible()
    expect_checked(page, page.locator("input[name=anonymity][value=anonymous]"), brand)
    expect_checked(page, page.locator("input[name=ground][value=business_integrity]"), brand)
    assert_accessible(page, "report form with errors")

    # The administrator's roles page: the role mila has is drawn checked; adding one adds it.
    context, _ = make_context(viewport=viewport)
    page = context.new_page()
    staff_login(page, base, personas["erin"])
    mila = personas["mila"]
    visit(page, f"{base}/account/beheer/gebruikers/{mila.pk}/rollen/")
    expect_checked(page, page.locator("input[name=roles][value=employee]"), brand)
    for role in Role.values:
        if role != Role.EMPLOYEE:
            expect_unchecked(page, page.locator(f"input[name=roles][value={role}]"), brand)
    choose(page, page.locator("input[name=roles][value=manager]"), brand)
    assert_accessible(page, "roles page")
    submit(page, page.locator("#main form.oi-form:has(input[name=roles]) button[type=submit]"))
    # Recorded; the content role counts once a coordinator approves it (four eyes).
    assert sorted(User.objects.get(pk=mila.pk).role_assignments.values_list("role", flat=True)) == [
        "employee",
        "manager",
    ]

    # A case: a list of checkboxes (the reports), kept after an error; radio buttons (the
    # risk of retaliation); one checkbox (fraud).
    context, _ = make_context(viewport=viewport)
    page = context.new_page()
    staff_login(page, base, personas["alice"])
    visit(page, f"{base}/medewerkers/zaken/nieuw/?report={report.reference}")
    report_box = page.locator(f"input[name=reports][value='{report.pk}']")
    expect_checked(page, report_box, brand)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))  # no working title
    expect(page.locator("#form-errors[role=alert]")).to_be_visible()
    expect_checked(page, report_box, brand)
    assert_accessible(page, "new case form with errors")
    page.fill("#id_title", "Invented case")
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    case = Case.objects.get()
    assert urlsplit(page.url).path == f"/medewerkers/zaken/{case.reference}/"
    choose(page, page.locator("input[name=risk-level][value=medium]"), brand)
    page.locator("#main details summary", has_text=dutch("Change")).first.click()
    choose(page, page.locator("input[name=external-fraud_involved]"), brand)
    assert_accessible(page, "case page, choices made")


def test_a_finding_starts_empty_on_the_case_page(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    """The finding about a person opens on "Choose…"; sending it unchosen is refused."""
    alice = personas["alice"]
    case = case_services.case_create(
        organisation=org, by=alice, title="Invented", ground="business_integrity", signal="Invented signal."
    )
    case_services.allegation_add(case=case, by=alice, description="Invented: took a gift.")
    for step in ("start_assessment", "submit_for_decision"):
        case = case_services.case_transition(case=case, by=alice, transition=step, reason="Invented.")
    principal = make_user(org, "pieter", Role.CASE_PRINCIPAL)
    case_services.case_assign(case=case, by=alice, user=principal)
    case = case_services.case_transition(case=case, by=principal, transition="decide_investigate", reason="")
    bob = personas["bob"]
    case_services.case_assign(case=case, by=alice, user=bob)
    case = case_services.case_transition(case=case, by=bob, transition="start_hearing", reason="")
    allegation = case.allegations.get()

    context, _ = make_context()
    page = context.new_page()
    staff_login(page, live_server.url, bob)
    visit(page, f"{live_server.url}/medewerkers/zaken/{case.reference}/")
    outcome = page.locator(f"#id_finding-{allegation.pk}-outcome")
    expect(outcome).to_have_value("")
    expect(outcome.locator("option:checked")).to_have_text(dutch(str(EMPTY_LABEL)))
    with page.expect_navigation():
        page.locator('#main form[action$="/finding/"] button[type=submit]').click()
    expect(page.locator("#main [role=alert]").first).to_contain_text(dutch("Choose the finding."))
    assert not Finding.objects.filter(allegation=allegation).exists()


# --- Nothing wider than a phone ---------------------------------------------------------------

WIDTH = """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"""
TABLES = """() => [...document.querySelectorAll('#main table')].map(table => {
  const region = table.closest('.utrecht-table-container[role=region]');
  const label = region && (region.getAttribute('aria-label') ||
    (document.getElementById(region.getAttribute('aria-labelledby') || '') || {}).textContent || '');
  return {inRegion: !!region, focusable: !!region && region.tabIndex === 0, label: (label || '').trim()};
})"""
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !el.closest('.utrecht-table-container'))
  .slice(0, 5).map(el => el.outerHTML.slice(0, 160))"""
SKIP = ("/bijlage", "/document", "/uitloggen", "/taal/", ".csv", "/pdf/")  # downloads, log-out, language


def expect_fits(page: Page, where: str) -> None:
    size = page.evaluate(WIDTH)
    too_wide = f"{where} is {size['scroll']} px wide at {size['inner']} px: {page.evaluate(WIDE)}"
    assert size["scroll"] <= size["inner"], too_wide
    for table in page.evaluate(TABLES):
        assert table["inRegion"] and table["focusable"] and table["label"], f"{where}: {table}"


def tour(page: Page, base: str, who: str, extra: list[str]) -> list[str]:
    """Every page of the persona's menu, every page those link to (one step deeper), and the
    extra pages: each fits a phone and passes axe."""
    own = origin(base)
    seen: list[str] = []

    def check(path: str) -> list[str]:
        visit(page, base + path)
        expect_fits(page, f"{path} ({who})")
        assert_accessible(page, f"{path} ({who}, 375 px)")
        seen.append(path)
        links = []
        for href in page.locator("#main a[href]:not([download]), nav.oi-nav a[href]:not([download])").evaluate_all(
            "els => els.map(a => a.href)"
        ):
            url = urljoin(page.url, href)
            parts = urlsplit(url)
            if origin(url) == own and not parts.query and not any(s in parts.path for s in SKIP):
                links.append(parts.path)
        return links

    menu = check(urlsplit(page.url).path)
    for path in [*menu, *extra]:
        if path not in seen:
            for deeper in check(path):
                if deeper not in seen and deeper not in menu and deeper not in extra:
                    check(deeper)
    return seen


def test_no_page_of_the_persona_tour_is_wider_than_a_phone(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_report: Any, make_context: Any
) -> None:
    base = live_server.url
    alice, carol = personas["alice"], personas["carol"]
    report, code = make_report(
        anonymity="confidential",
        identity={"name": "Invented Reporter", "email": "", "phone": ""},
        what_happened="Invented: integriteitsschendingsonderzoeksrapportage " * 5,
    )
    case = case_services.case_create(
        organisation=org, by=alice, title="Invented", ground="business_integrity", reports=[report]
    )
    case_services.party_add(case=case, by=alice, role="subject", name="Harm Voorbeeldman", function="Teamleider")
    adviser = consultation_services.adviser_create(
        organisation=org, by=alice, kind=AdviserKind.INTERNAL, display_name="Vertrouwenspersoon intern", user=carol
    )
    consultation_services.contact_log(
        adviser=adviser,
        by=carol,
        date=dt.date.today(),
        topic=ListEntry.objects.filter(organisation=org, kind=TOPICS.code, active=True).first(),
        conversations=2,
        led_to_report=False,
        referral="none",
    )
    advice_services.advice_register(
        organisation=org,
        by=alice,
        date=dt.date.today(),
        received_via="hr",
        topic=ListEntry.objects.get(organisation=org, kind=ADVICE_TOPICS.code, code="gifts_invitations"),
        question="Invented: may I accept a dinner?",
        advice="Invented: decline.",
        anonymised_summary="An employee asked about a dinner; advised to decline.",
    )

    # The reporter's pages, JavaScript on (to measure); the long Dutch heading wraps.
    context, _ = make_context(viewport=PHONE)
    page = context.new_page()
    for path in (f"/melden/{org.slug}/", f"/melden/{org.slug}/formulier/", f"/melden/{org.slug}/postbus/"):
        visit(page, base + path)
        expect_fits(page, path)
        assert_accessible(page, f"{path} (375 px)")
    page.fill("#id_code", code)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect_fits(page, "mailbox")
    assert_accessible(page, "mailbox (375 px)")

    visited = {}
    for who, extra in (
        ("alice", [f"/medewerkers/meldingen/{report.reference}/", f"/medewerkers/zaken/{case.reference}/"]),
        ("carol", []),
        ("frank", []),
        ("erin", [f"/account/beheer/gebruikers/{personas['mila'].pk}/rollen/"]),
    ):
        context, _ = make_context(viewport=PHONE)
        page = context.new_page()
        staff_login(page, base, personas[who])
        visited[who] = tour(page, base, who, extra)
    assert f"/medewerkers/zaken/{case.reference}/" in visited["alice"]
    assert "/audit/" in visited["frank"]
    assert len(visited["alice"]) > 10, visited
