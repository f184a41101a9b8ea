"""The people register in headless Chromium, every page checked with axe-core: the register
clerk checks a file with errors (each bad row listed), imports a correct Excel file, and
opens the list, a person, the units and the posts; a manager sees only their own units."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from open_integriteit.accounts.models import Role
from open_integriteit.people.tests.files import ROWS, as_csv, as_xlsx
from open_integriteit.testing.fixtures import make_user

from .helpers import assert_accessible, origin, staff_login, submit

pytestmark = pytest.mark.browser


def test_the_register_clerk_imports_and_a_manager_sees_their_units(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any, tmp_path: Any
) -> None:
    base = live_server.url
    rita = make_user(org, "rita", Role.REGISTER_CLERK)
    bad = [list(row) for row in ROWS]
    bad[2][4] = "freelancer"
    (tmp_path / "fout.csv").write_bytes(as_csv(bad))
    good = [list(row) for row in ROWS]
    good[1][18] = "dave"  # 1002 manages OMG
    (tmp_path / "hr.xlsx").write_bytes(as_xlsx(good))

    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, rita)
    assert urlsplit(page.url).path == "/medewerkers/personen/"
    assert_accessible(page, "people list (empty)")

    submit(page, page.locator("#main").get_by_role("link", name="HR-import"))
    assert_accessible(page, "HR import")
    page.locator("#id_file").set_input_files(str(tmp_path / "fout.csv"))
    page.locator("#main input[name=mode][value=check]").check()
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#main table").first).to_contain_text("Onbekende soort")
    assert_accessible(page, "HR import, rows with errors")

    page.locator("#id_file").set_input_files(str(tmp_path / "hr.xlsx"))
    page.locator("#main input[name=mode][value=import]").check()
    submit(page, page.locator("#main form.oi-form button[type=submit]"))
    expect(page.locator("#result-heading")).to_have_text("Geïmporteerd")
    assert_accessible(page, "HR import, imported")

    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/personen/"]'))
    expect(page.locator("#main table tbody tr")).to_have_count(6)
    assert_accessible(page, "people list")
    submit(page, page.locator("#main").get_by_role("link", name="Heuvel, Ilse"))
    expect(page.locator("#history-heading")).to_be_visible()
    assert_accessible(page, "person detail")
    submit(page, page.locator("#main").get_by_role("link", name="Terug naar de lijst"))
    submit(page, page.locator("#main").get_by_role("link", name="Eenheden"))
    expect(page.locator("#main table tbody tr")).to_have_count(4)
    assert_accessible(page, "units")
    submit(page, page.locator("#main").get_by_role("link", name="Functies"))
    assert_accessible(page, "posts")

    context, dave_log = make_context()
    page = context.new_page()
    staff_login(page, base, personas["dave"])
    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/personen/"]'))
    expect(page.locator("#main table tbody tr")).to_have_count(3)  # 1002, 1003, 1004: OMG and VTH
    assert_accessible(page, "people list of a manager")

    for request_log in (log, dave_log):
        assert request_log.foreign(origin(base)) == []
