"""Trainings end to end (issue 9) in headless Chromium, axe-core on every page visited: the
register clerk records a dilemma game with participants found in the register (searching,
ticking, searching again keeps who is ticked) and a campaign with a head count (a missing
number gets a Dutch message and keeps what was typed); she defines a mandatory training for
a unit and sees who has not followed it; the manager of that unit sees the same names, the people of his
own units only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.accounts.models import Role
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import as_csv
from open_integriteit.testing.fixtures import make_user
from open_integriteit.trainings.models import Requirement, Session

from .helpers import assert_accessible, dutch, open_register, staff_login, submit

pytestmark = pytest.mark.browser

# Dave manages OMG with VTH below it; Emma works in FIN, which is not his.
ROWS = [
    ["2002", "Dave", "Daalder", "", "medewerker", "", "", "", "",
     "OMG", "Omgeving", "", "Afdelingshoofd Omgeving", "14", "nee", "nee", "01-03-2021", "OMG", "dave"],
    ["1003", "Sanne", "de Wit", "", "medewerker", "", "", "", "",
     "VTH", "Vergunningen", "OMG", "Vergunningverlener", "10", "nee", "nee", "01-01-2022", "", ""],
    ["1004", "Youssef", "Bakker", "", "stagiair", "", "", "", "",
     "VTH", "Vergunningen", "OMG", "Stagiair vergunningen", "", "nee", "nee", "01-01-2022", "", ""],
    ["1005", "Emma", "Jansen", "", "medewerker", "", "", "", "",
     "FIN", "Financiën", "", "Controller", "11", "nee", "nee", "01-01-2022", "", ""],
]  # fmt: skip
SHOTS = os.environ.get("OI_SCREENSHOTS", "")


def shot(page: Page, name: str) -> None:
    """Screenshots at 1280 and 375 px wide when OI_SCREENSHOTS names a directory."""
    if not SHOTS:
        return
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def test_sessions_and_a_mandatory_training_for_a_unit(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url.rstrip("/")
    rita = make_user(org, "rita", Role.REGISTER_CLERK)
    result = people_import(organisation=org, by=rita, file_name="hr.csv", data=as_csv(ROWS), dry_run=False)
    assert result.errors == [], result.errors

    page: Page = make_context()[0].new_page()
    staff_login(page, base, rita)
    open_register(page, href="/medewerkers/trainingen/")
    assert_accessible(page, "mandatory trainings, none yet")
    submit(page, page.get_by_role("link", name=dutch("Training sessions")).first)
    assert_accessible(page, "sessions, none yet")

    # 1. A dilemma game with participants from the register.
    submit(page, page.get_by_role("link", name=dutch("Record a session")))
    expect(page.locator("#main input[name=counted_as]:checked")).to_have_count(0)  # the choice starts empty
    assert_accessible(page, "new session")
    page.locator("#id_kind").select_option(label="Dilemmaspel")
    page.locator("#id_date").fill("2025-03-04")
    page.locator("#id_title").fill("Dilemmaspel vergunningverlening")
    page.locator("#id_audience").fill("Team Vergunningen")
    page.locator("#main input[name=counted_as][value=participants]").check()
    page.locator("#id_query").fill("niemand-zo")
    submit(page, page.get_by_role("button", name=dutch("Search")))
    expect(page.locator("#found-nobody")).to_be_visible()  # a plain line, no error and no success box
    expect(page.locator("#form-errors")).to_have_count(0)
    expect(page.locator("#main .utrecht-alert")).to_have_count(0)
    expect(page.locator("#id_title")).to_have_value("Dilemmaspel vergunningverlening")
    shot(page, "trainings-session-nobody-found")
    page.locator("#id_query").fill("wit")
    with page.expect_navigation():
        page.locator("#id_query").press("Enter")  # Enter in the search field searches for the new text
    expect(page.get_by_label("Sanne de Wit (1003)")).to_be_visible()
    expect(page.locator("#form-errors")).to_have_count(0)
    assert_accessible(page, "new session, search results")
    page.get_by_label("Sanne de Wit (1003)").check()
    page.locator("#id_query").fill("2002")
    submit(page, page.get_by_role("button", name=dutch("Search")))
    expect(page.get_by_label("Sanne de Wit (1003)")).to_be_checked()  # still ticked after a new search
    page.get_by_label("Dave Daalder (2002)").check()
    shot(page, "trainings-session-participants")
    submit(page, page.get_by_role("button", name=dutch("Save the session")))
    expect(page.locator("#main")).to_contain_text(dutch("The session has been saved."))
    assert_accessible(page, "sessions after saving")

    # 2. A campaign with a head count; first with a person ticked as well: refused.
    submit(page, page.get_by_role("link", name=dutch("Record a session")))
    page.locator("#id_kind").select_option(label="Campagne")
    page.locator("#id_date").fill("2025-11-20")
    page.locator("#id_title").fill("Week van de integriteit")
    page.locator("#main input[name=counted_as]").first.check()  # not chosen on purpose yet
    page.locator("#main input[name=counted_as][value=head_count]").check()
    page.locator("#id_head_count").fill("")
    submit(page, page.get_by_role("button", name=dutch("Save the session")))
    expect(page.locator("#id_head_count_error")).to_contain_text(dutch("Give the number of people who took part."))
    expect(page.locator("#id_title")).to_have_value("Week van de integriteit")  # nothing typed is lost
    assert_accessible(page, "new session with an error")
    page.locator("#id_head_count").fill("480")
    with page.expect_navigation():
        page.locator("#id_title").press("Enter")  # Enter in a text field saves the session
    expect(page.locator("#main table")).to_contain_text(dutch("%(n)s (head count)") % {"n": 480})
    shot(page, "trainings-sessions")
    assert Session.objects.filter(organisation=org).count() == 2

    # 3. The dilemma game is mandatory for Omgeving and its sub-units every two years.
    open_register(page, href="/medewerkers/trainingen/")
    submit(page, page.get_by_role("link", name=dutch("Add a mandatory training")))
    expect(page.locator("#main input[name=scope]:checked")).to_have_count(0)
    assert_accessible(page, "new mandatory training")
    page.locator("#id_kind").select_option(label="Dilemmaspel")
    page.locator("#main input[name=scope][value=unit]").check()
    page.locator("#id_unit").select_option(label="Omgeving")
    page.locator("#id_period_months").fill("24")
    page.locator("#id_applies_from").fill("2025-01-01")
    submit(page, page.get_by_role("button", name=dutch("Save the mandatory training")))
    assert path_of(page) == "/medewerkers/trainingen/"
    main = page.locator("#main")
    expect(main).to_contain_text(dutch("The mandatory training has been saved."))
    expect(main.locator("table")).to_contain_text("Youssef Bakker")  # the one of three who did not take part
    expect(main.locator("table")).not_to_contain_text("Sanne de Wit")
    expect(main.locator("table")).not_to_contain_text("Emma Jansen")  # FIN: not under it
    assert_accessible(page, "who has not followed the mandatory training")
    shot(page, "trainings-compliance")
    assert Requirement.objects.filter(organisation=org).count() == 1

    # 4. Dave, who manages Omgeving, sees the same, and no sessions.
    dave = personas["dave"]
    manager: Page = make_context()[0].new_page()
    staff_login(manager, base, dave)
    open_register(manager, href="/medewerkers/trainingen/")
    expect(manager.locator("#main table")).to_contain_text("Youssef Bakker")
    expect(manager.get_by_role("link", name=dutch("Add a mandatory training"))).to_have_count(0)
    assert_accessible(manager, "the manager's view of his units")
