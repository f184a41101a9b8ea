"""Vulnerable posts (issue 9) in headless Chromium, axe-core on every page: the register clerk
assesses two posts with the checklist (one answer forgotten first: a Dutch message, the rest
kept), records the list the executive adopted (date, decision reference, the financial-
interest duty switched on for one post), and sees both posts marked vulnerable; the adopted
list stays readable in the history. A manager reads the checklist of a post in his unit."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.accounts.models import Role
from open_integriteit.people.models import FixedQuestion, Post
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import ROWS, as_csv
from open_integriteit.testing.fixtures import make_user

from .helpers import assert_accessible, dutch, open_register, origin, staff_login, submit

pytestmark = pytest.mark.browser

REFERENCE = "GS 2026/118"


def fill_checklist(page: Page, yes: set[str], skip: str = "") -> None:
    for code in FixedQuestion.values:
        if code != skip:
            page.locator(f"#main input[name=q_{code}][value={'yes' if code in yes else 'no'}]").check()


def test_the_clerk_assesses_two_posts_and_records_the_adopted_list(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any
) -> None:
    base = live_server.url
    rita = make_user(org, "rita", Role.REGISTER_CLERK)
    rows = [list(row) for row in ROWS]
    rows[1][18] = "dave"  # 1002 manages OMG, and so VTH below it
    assert people_import(organisation=org, by=rita, file_name="hr.csv", data=as_csv(rows), dry_run=False).errors == []

    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, rita)
    open_register(page, dutch("Vulnerable posts"))
    expect(page.locator("h1")).to_have_text("Kwetsbare functies")
    assert_accessible(page, "vulnerable posts, nothing assessed")

    # The first post: one answer forgotten, then completed.
    submit(page, page.locator("#main").get_by_role("link", name="Vergunningverlener"))
    assert_accessible(page, "checklist, empty")
    fill_checklist(page, yes={"permits", "enforcement", "contacts"}, skip="money")
    submit(page, page.get_by_role("button", name=dutch("Save the checklist")))
    expect(page.locator("#form-errors")).to_contain_text(dutch("Answer yes or no."))
    expect(page.locator("#main input[name=q_permits][value=yes]")).to_be_checked()  # nothing lost
    assert_accessible(page, "checklist with an error")
    page.locator("#main input[name=q_money][value=no]").check()
    submit(page, page.get_by_role("button", name=dutch("Save the checklist")))
    expect(page.locator(".utrecht-alert").first).to_contain_text(dutch("The checklist of the post has been saved."))

    # The second post: below the threshold, put on the list by hand with a reason.
    submit(page, page.locator("#main").get_by_role("link", name="Controller"))
    fill_checklist(page, yes={"sensitive"})
    page.locator("#main input[name=override][value=include]").check()
    page.locator("#id_override_reason").fill("Invented: approves every payment above 10,000 euros.")
    submit(page, page.get_by_role("button", name=dutch("Save the checklist")))
    expect(page.locator("#main table tbody tr")).to_have_count(5)
    assert_accessible(page, "vulnerable posts, two assessed")

    # Record the adopted list.
    submit(page, page.locator("#main").get_by_role("link", name=dutch("Record the adopted list")))
    expect(page.locator("#proposed-heading")).to_contain_text("2 functies")
    assert_accessible(page, "adopt the list")
    page.locator("#id_adopted_on").fill("2026-03-10")
    page.locator("#id_decision_reference").fill(REFERENCE)
    vergunningverlener = Post.objects.get(organisation=org, title="Vergunningverlener")
    duty = page.locator(f"#main input[name=financial_interest_duty][value='{vergunningverlener.pk}']")
    expect(duty).not_to_be_checked()  # the choice starts empty
    duty.check()
    submit(page, page.get_by_role("button", name=dutch("Record the adopted list")))
    expect(page.locator("h1")).to_contain_text("10 maart 2026")
    expect(page.locator("#main table tbody tr")).to_have_count(2)
    assert_accessible(page, "the adopted list")

    submit(page, page.locator("#main").get_by_role("link", name=dutch("Back to the vulnerable posts")))
    expect(page.locator("#main .oi-badge")).to_have_count(2)
    expect(page.locator("#main")).to_contain_text(REFERENCE)
    assert set(Post.objects.filter(organisation=org, vulnerable=True).values_list("title", flat=True)) == {
        "Vergunningverlener",
        "Controller",
    }
    vergunningverlener.refresh_from_db()
    assert vergunningverlener.designated and vergunningverlener.duties_set_by_clerk_at is not None
    submit(page, page.locator("#main").get_by_role("link", name=dutch("Earlier lists")))
    expect(page.locator("#main table tbody tr")).to_have_count(1)
    assert_accessible(page, "adopted lists")

    # Dave, manager of OMG, reads the checklist of the post in VTH; Controller (FIN) he does not see.
    context, dave_log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["dave"])
    open_register(page, dutch("Vulnerable posts"))
    expect(page.locator("#main table tbody tr")).to_have_count(3)  # the posts of OMG and VTH
    expect(page.locator("#main")).not_to_contain_text("Controller")
    submit(page, page.locator("#main").get_by_role("link", name="Vergunningverlener"))
    expect(page.locator("#main form")).to_have_count(0)
    assert_accessible(page, "checklist read by a manager")

    for request_log in (log, dave_log):
        assert request_log.foreign(origin(base)) == []
