"""Survey indicators and earlier years' totals (issue 9) in headless Chromium, axe-core on
every page: Alice, the coordinator, opens "Cijfers" from the menu, adds an indicator (one
empty form first: Dutch messages), records it for 2022 and 2024 and sees 2024 compared with
2022 in words; then she enters the total of 2019 for a figure that may be entered, with a
breakdown, and finds it marked as an entered total in the list and in the figures of 2019.

Which figures may be entered depends on the apps installed: the test adds one of its own
to the registry (``figures/tests/example.py``), in this process, which the live server
shares.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from open_integriteit.figures.models import EnteredTotal
from open_integriteit.figures.tests.example import add_example_figure
from open_integriteit.indicators.models import Measurement

from .helpers import assert_accessible, open_register, staff_login, submit

pytestmark = pytest.mark.browser


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def test_coordinator_compares_an_indicator_over_two_surveys_and_enters_an_earlier_total(
    transactional_db: Any, live_server: Any, org: Any, personas: Any, make_context: Any, monkeypatch: Any
) -> None:
    add_example_figure(monkeypatch)
    context, _log = make_context()
    page = context.new_page()
    staff_login(page, live_server.url, personas["alice"])
    main = page.locator("#main")

    open_register(page, "Cijfers")
    assert path_of(page) == "/medewerkers/cijfers/"
    assert_accessible(page, "figures of a year")

    submit(page, main.get_by_role("link", name="Indicatoren uit medewerkersonderzoek"))
    assert_accessible(page, "survey indicators (none yet)")
    submit(page, main.get_by_role("link", name="Indicator toevoegen"))
    submit(page, main.locator("form.oi-form button[type=submit]"))
    expect(main).to_contain_text("Vul de naam van de indicator in.")
    assert_accessible(page, "new indicator, with errors")
    main.locator("#id_name").fill("Aandeel medewerkers dat de vertrouwenspersoon kent")
    main.get_by_label("percentage").check()
    main.locator("#id_question").fill("Weet u wie de vertrouwenspersoon is?")
    submit(page, main.locator("form.oi-form button[type=submit]"))
    expect(main.locator("h1")).to_have_text("Aandeel medewerkers dat de vertrouwenspersoon kent")

    for year, value in (("2022", "62"), ("2024", "71")):
        main.locator("#id_year").fill(year)
        main.locator("#id_value").fill(value)
        main.locator("#id_source").fill(f"MTO {year}")
        submit(page, main.locator("form.oi-form button[type=submit]"))
    expect(main.locator("table")).to_contain_text("9 procentpunt hoger dan in 2022 (62%)")
    expect(main.locator("table")).to_contain_text("Eerste meting")
    assert_accessible(page, "indicator with two measurements")
    assert Measurement.objects.count() == 2

    submit(page, main.get_by_role("link", name="Terug naar de indicatoren"))
    expect(main.locator("table")).to_contain_text("9 procentpunt hoger dan in 2022 (62%)")
    assert_accessible(page, "survey indicators")

    submit(page, main.get_by_role("link", name="Cijfers van eerdere jaren"))
    assert_accessible(page, "figures of earlier years (none entered)")
    main.locator("#id_figure").select_option(label="Example: measurements")
    submit(page, main.get_by_role("button", name="Totaal invoeren"))
    assert_accessible(page, "enter a total")
    main.locator("#id_year").fill("2019")
    main.locator("#id_total").fill("12")
    main.locator("#id_row_percent").fill("7")
    main.locator("#id_row_score").fill("5")
    main.locator("#id_source").fill("Jaarverslag integriteit 2019")
    submit(page, main.locator("form.oi-form button[type=submit]"))
    assert path_of(page) == "/medewerkers/cijfers/eerdere-jaren/"
    expect(main).to_contain_text("Jaarverslag integriteit 2019")
    assert_accessible(page, "figures of earlier years")
    assert EnteredTotal.objects.get().total == 12

    submit(page, main.get_by_role("link", name="Cijfers van een jaar"))
    main.locator("#id_year").select_option("2019")
    submit(page, main.get_by_role("button", name="Tonen"))
    row = main.locator("tr", has_text="Example: measurements")
    expect(row).to_contain_text("Ingevoerd totaal")
    expect(row).to_contain_text("percentage: 7")
    assert_accessible(page, "figures of 2019")
