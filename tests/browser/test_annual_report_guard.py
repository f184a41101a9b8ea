"""The privacy guard of the annual report in headless Chromium, every page checked with axe:
a narrative naming a person known to the system, small cells in a breakdown and a case whose
council summary is not final each block adoption until handled.

alice (coordinator) makes the 2026 draft, names a colleague in the introduction and is refused
with the flags listed where they are; she rewrites the text (its flag goes), accepts the small
cells (a whole figure with one reason, the rest one by one), sees the case block; pat (case
principal) makes the summary final on the case page; alice adopts, the files are made (the
worker runs in sync in the test settings) and she publishes: the public page lists it.

With OI_SCREENSHOTS=<directory> every page is saved at 1280 and 375 pixels wide.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import Role
from open_integriteit.annual_reports.models import AnnualReport, ReportState
from open_integriteit.cases import services as case_services
from open_integriteit.cases.workflow import State

from .helpers import assert_accessible, dutch, open_register, staff_login, submit, visit

pytestmark = pytest.mark.browser

NAMING = "Het gesprek met Fenna Brouwersma leidde in het voorjaar tot een melding over de sfeer in een team."
INTRODUCTION = "Inleiding en reikwijdte"
RECEIVED = "Meldingen, onderzoeken en gesprekken › Ontvangen meldingen"
FIXED = "Een gesprek met een vertrouwenspersoon leidde in het voorjaar tot een melding over de sfeer in een team."


class Pages:
    """alice's browser: every page she sees is checked with axe and, if asked, photographed."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.count = 0

    def seen(self, name: str) -> None:
        assert_accessible(self.page, name)
        directory = os.environ.get("OI_SCREENSHOTS")
        if not directory:
            return
        self.count += 1
        for width in (1280, 375):
            self.page.set_viewport_size({"width": width, "height": 900})
            path = Path(directory) / f"annual-guard-{self.count:02d}-{name.replace(' ', '-')}-{width}.png"
            self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size({"width": 1280, "height": 900})


def heading(page: Page, name: str) -> Any:
    return page.get_by_role("heading", name=name, exact=True)


def write_introduction(pages: Pages, text: str) -> None:
    page = pages.page
    submit(page, page.locator("#main table").get_by_role("link", name=INTRODUCTION))
    pages.seen("chapter page")
    expect(page.locator("#chapter-placeholders")).to_have_count(0)  # the introduction has no figures
    expect(page.locator("#all-placeholders")).to_contain_text("{reports.reports}")
    page.locator("#id_narrative").fill(text)
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main [role=status]").first).to_contain_text(dutch("The chapter has been saved."))


def adopt(page: Page) -> None:
    page.locator("#id_adopted_on").fill("2026-11-27")
    page.locator("#id_adopted_by").fill("Gedeputeerde Staten")
    page.locator("#id_decision_reference").fill("GS-2026-0412")
    submit(page, page.get_by_role("button", name=dutch("Adopt the report")))


def test_the_privacy_guard_blocks_adoption_until_every_flag_and_summary_is_handled(
    transactional_db: Any, live_server: Any, org: Any, team: Any, make_report: Any, make_case: Any, make_context: Any
) -> None:
    base = live_server.url
    alice, pat = team["alice"], team["pat"]
    account_services.user_create(
        organisation=org, username="fenna", first_name="Fenna", last_name="Brouwersma", roles=[Role.EMPLOYEE]
    )
    # 2026: three reports (2 + 1 by ground: two small cells of one figure) and a case whose
    # council summary is a draft.
    for ground in ("unwanted_behaviour", "unwanted_behaviour", "business_integrity"):
        make_report(ground=ground, what_happened="Invented: something happened in a team.")
    case = make_case(state=State.PRELIMINARY_INVESTIGATION)
    case_services.summary_update(
        case=case,
        by=pat,
        summary_year=2026,
        summary_description="Vermoeden van belangenverstrengeling bij een aanbesteding",
        summary_findings="Niet aangetoond",
        summary_consequence="Geen",
    )

    context, _log = make_context()
    page = context.new_page()
    pages = Pages(page)
    staff_login(page, base, alice)
    open_register(page, href="/medewerkers/jaarrapportages/")
    pages.seen("annual reports")
    page.locator("#id_first_year").fill("2026")
    page.locator("#id_last_year").fill("2026")
    submit(page, page.get_by_role("button", name=dutch("Make a draft")))
    pages.seen("draft")
    report = AnnualReport.objects.get(organisation=org)

    write_introduction(pages, NAMING)
    flagged = page.locator("#privacy-heading ~ section").filter(has=heading(page, INTRODUCTION))
    expect(flagged).to_have_count(1)
    expect(page.locator("#privacy-heading ~ section").first).not_to_contain_text("Brouwersma")  # never quoted
    pending = page.locator("#pending-summaries")
    expect(pending).to_contain_text(case.reference)

    # Adopting now is refused, in Dutch, with every open flag and where it is.
    adopt(page)
    expect(page.locator("#form-errors")).to_contain_text(case.reference)
    expect(page.locator("#open-flags")).to_contain_text(INTRODUCTION)
    expect(page.locator("#open-flags")).to_contain_text("Ontvangen meldingen › 2026 › Ongewenste omgangsvormen")
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    pages.seen("adoption refused for the case")

    # Rewriting the text solves its flag: it is simply no longer raised.
    write_introduction(pages, FIXED)
    expect(page.locator("#privacy-heading ~ section").filter(has=heading(page, INTRODUCTION))).to_have_count(0)

    # Two small cells of one figure (2 and 1 by ground): accepted together with one reason.
    group = page.locator("#privacy-heading ~ section").filter(has=heading(page, RECEIVED))
    accept_all = group.get_by_role("button", name="Alle 2 open signaleringen met deze reden accepteren")
    expect(group).to_contain_text("2 van 2 signaleringen open")
    submit(page, accept_all)
    expect(group.locator(".utrecht-form-field-error-message")).to_be_visible()  # a reason is needed
    pages.seen("group acceptance without a reason")
    group.locator("textarea").first.fill("Het totaal per grond staat al in het openbare jaarverslag van de raad.")
    submit(page, accept_all)
    expect(page.locator("#main [role=status]").first).to_contain_text("2 signaleringen zijn geaccepteerd")
    expect(group).to_contain_text(dutch("Every flag of this part has been accepted."))
    pages.seen("a group accepted")

    # The remaining single flags, one by one.
    single = page.get_by_role("button", name=dutch("Accept with this reason"))
    while single.count():
        form = page.locator("#main form", has=single).first
        form.locator("textarea").fill("Eén geval per jaar is in deze categorie normaal en wijst niemand aan.")
        submit(page, form.locator("button"))
    expect(single).to_have_count(0)
    pages.seen("every flag accepted")

    adopt(page)
    expect(page.locator("#form-errors")).to_contain_text(case.reference)  # the case still blocks

    # The case principal makes the council summary final on the case page.
    pat_context, _pat_log = make_context()
    pat_page = pat_context.new_page()
    staff_login(pat_page, base, pat)
    visit(pat_page, f"{base}/medewerkers/zaken/{case.reference}/")
    final = pat_page.locator(f'#main form[action="/medewerkers/zaken/{case.reference}/summary_final/"]').last
    submit(pat_page, final.locator("button[type=submit]"))
    expect(pat_page.locator("#main [role=status]")).to_contain_text(dutch("The summary is final."))
    assert_accessible(pat_page, "case page with the final summary (pat)")

    visit(page, f"{base}/medewerkers/jaarrapportages/{report.pk}/")
    expect(page.locator("#pending-summaries")).to_have_count(0)
    pages.seen("draft ready to adopt")
    adopt(page)
    expect(page.locator("#main [role=status]").first).to_contain_text(
        dutch("The report has been adopted. Its figures and text no longer change.")
    )
    expect(page.locator("#main")).to_contain_text("4 van 4 bestanden klaar")
    pages.seen("adopted with its files")
    submit(page, page.get_by_role("button", name=dutch("Publish on the public page")))
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    pages.seen("published")

    visit(page, f"{base}/openbaar/{org.slug}/jaarrapportages/")
    row = page.locator("#main section", has_text=report.title)
    expect(row).to_contain_text("door Gedeputeerde Staten, besluit GS-2026-0412")
    expect(row.get_by_role("link")).to_have_count(4)
    pages.seen("public page")
