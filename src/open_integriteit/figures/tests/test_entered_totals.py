"""Earlier years' totals entered by hand (issue 9): Alice, the coordinator, enters the totals
of years before the system; they replace what records would count and are marked as
entered; a year has either records or an entered total of a figure, never both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.figures import registry, services
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.indicators import services as indicator_services
from open_integriteit.indicators.models import IndicatorUnit
from open_integriteit.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _measure(org: Organisation, by: Any, year: int, unit: str = "percent", name: str = "Knows the adviser") -> None:
    indicator = indicator_services.indicator_create(organisation=org, by=by, name=name, unit=unit)
    indicator_services.measurement_record(indicator=indicator, by=by, year=year, value=Decimal("40"), source="MTO")


def _set_url(key: str, year: int | None = None) -> str:
    return reverse("figures:entered_set") + f"?figure={key}" + (f"&year={year}" if year else "")


def test_coordinator_enters_a_total_for_a_year(
    org: Organisation, personas: dict[str, Any], client_for: Any, example_figure: str
) -> None:
    alice = client_for(personas["alice"])
    page = alice.get(_set_url(example_figure)).content.decode()
    assert 'name="row_score"' in page  # the figure's breakdown rows are offered
    response = alice.post(
        reverse("figures:entered_set"),
        {
            "figure": example_figure,
            "year": "2019",
            "total": "12",
            "row_percent": "7",
            "row_score": "",
            "row_count": "5",
            "source": "Jaarverslag 2019",
        },
    )
    assert response.status_code == 302
    figure = registry.year_figures(organisation=org, year=2019)[example_figure]
    assert (figure.total, figure.entered) == (12, True)
    assert [(row.key, str(row.label), row.value) for row in figure.breakdown] == [
        ("percent", str(IndicatorUnit.PERCENT.label), 7),
        ("count", str(IndicatorUnit.COUNT.label), 5),
    ]
    listing = alice.get(reverse("figures:entered")).content.decode()
    assert "Jaarverslag 2019" in listing and "Ingevoerd totaal" in listing
    assert AuditEvent.objects.filter(action="figures.total_entered", actor_id=personas["alice"].pk).exists()


def test_correcting_a_year_keeps_one_total_and_is_audited_as_a_change(
    org: Organisation, personas: dict[str, Any], client_for: Any, example_figure: str
) -> None:
    alice = personas["alice"]
    services.entered_total_set(organisation=org, key=example_figure, year=2019, total=4, by=alice)
    page = client_for(alice).get(_set_url(example_figure, 2019)).content.decode()
    assert 'value="4' in page  # the form starts from what was entered
    services.entered_total_set(organisation=org, key=example_figure, year=2019, total=6, source="Correct", by=alice)
    assert EnteredTotal.objects.get(organisation=org, key=example_figure).total == 6
    assert AuditEvent.objects.filter(action="figures.total_changed").count() == 1


def test_a_total_is_refused_for_a_year_with_records_and_the_input_is_kept(
    org: Organisation, personas: dict[str, Any], client_for: Any, example_figure: str
) -> None:
    _measure(org, personas["alice"], 2021)
    response = client_for(personas["alice"]).post(
        reverse("figures:entered_set"), {"figure": example_figure, "year": "2021", "total": "17", "source": "Kept"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "In 2021 zijn registraties bijgehouden" in page
    assert 'value="17"' in page and 'value="Kept"' in page
    assert not EnteredTotal.objects.exists()
    # The year before has no records: there it may be entered (the boundary is the calendar year).
    services.entered_total_set(organisation=org, key=example_figure, year=2020, total=17, by=personas["alice"])


def test_a_record_is_refused_in_a_year_with_an_entered_total(
    org: Organisation, personas: dict[str, Any], example_figure: str
) -> None:
    services.entered_total_set(organisation=org, key=example_figure, year=2020, total=9, by=personas["alice"])
    with pytest.raises(ValidationError) as refused:
        services.refuse_when_entered(organisation=org, keys=[example_figure], on=dt.date(2020, 12, 31), field="date")
    assert "Voor 2020 is met de hand een totaal ingevoerd" in refused.value.message_dict["date"][0]
    services.refuse_when_entered(organisation=org, keys=[example_figure], on=dt.date(2021, 1, 1), field="date")
    services.refuse_when_entered(organisation=org, keys=[example_figure], on=dt.date(2019, 12, 31), field="date")


def test_removing_a_total_lets_the_records_count_again(
    org: Organisation, personas: dict[str, Any], client_for: Any, example_figure: str
) -> None:
    entered = services.entered_total_set(organisation=org, key=example_figure, year=2018, total=3, by=personas["alice"])
    response = client_for(personas["alice"]).post(reverse("figures:entered_remove", args=[entered.pk]))
    assert response.status_code == 302
    figure = registry.year_figures(organisation=org, year=2018)[example_figure]
    assert (figure.total, figure.entered) == (None, False)
    assert AuditEvent.objects.filter(action="figures.total_removed").exists()


def test_only_enterable_figures_and_their_own_rows_can_be_entered(
    org: Organisation, personas: dict[str, Any], example_figure: str
) -> None:
    alice = personas["alice"]
    with pytest.raises(ValidationError):
        services.entered_total_set(organisation=org, key="indicators.measurements", year=2019, total=1, by=alice)
    with pytest.raises(ValidationError):
        services.entered_total_set(
            organisation=org, key=example_figure, year=2019, total=1, breakdown={"oath": 1}, by=alice
        )
    with pytest.raises(ValidationError):
        services.entered_total_set(
            organisation=org, key=example_figure, year=2019, total=1, breakdown={"count": -1}, by=alice
        )
    assert not EnteredTotal.objects.exists()


@pytest.mark.parametrize("persona", ["frank", "erin", "bob"])
def test_only_the_coordinator_enters_totals(
    org: Organisation, personas: dict[str, Any], client_for: Any, example_figure: str, persona: str
) -> None:
    """Frank the auditor, Erin the administrator, Bob the investigator."""
    user = personas[persona]
    assert client_for(user).get(_set_url(example_figure)).status_code == 404
    assert client_for(user).get(reverse("figures:overview")).status_code == 404
    with pytest.raises(PermissionDenied):
        services.entered_total_set(organisation=org, key=example_figure, year=2019, total=1, by=user)


def test_another_organisations_coordinator_neither_sees_nor_removes_our_totals(
    org: Organisation, personas: dict[str, Any], client_for: Any, example_figure: str
) -> None:
    entered = services.entered_total_set(
        organisation=org, key=example_figure, year=2019, total=3, source="Ours", by=personas["alice"]
    )
    grace = client_for(personas["grace"])
    assert "Ours" not in grace.get(reverse("figures:entered")).content.decode()
    assert grace.post(reverse("figures:entered_remove", args=[entered.pk])).status_code == 404
    assert grace.get(_set_url(example_figure, 2019)).content.decode().count('value="3') == 0
    assert EnteredTotal.objects.filter(pk=entered.pk).exists()


def test_the_overview_shows_every_figure_and_marks_entered_totals(
    org: Organisation, personas: dict[str, Any], client_for: Any, example_figure: str
) -> None:
    services.entered_total_set(organisation=org, key=example_figure, year=2020, total=8, by=personas["alice"])
    _measure(org, personas["alice"], 2021, name="Social safety", unit="score")
    alice = client_for(personas["alice"])
    page_2020 = alice.get(reverse("figures:overview"), {"year": "2020"}).content.decode()
    assert "Example: measurements" in page_2020 and "Ingevoerd totaal" in page_2020
    page_2021 = alice.get(reverse("figures:overview"), {"year": "2021"}).content.decode()
    assert "Ingevoerd totaal" not in page_2021 and "score: 1" in page_2021
    assert set(AuditEvent.objects.filter(action="figures.viewed").values_list("details__year", flat=True)) == {
        2020,
        2021,
    }


def test_without_overlays_the_records_are_counted(
    org: Organisation, personas: dict[str, Any], example_figure: str
) -> None:
    services.entered_total_set(organisation=org, key=example_figure, year=2020, total=8, by=personas["alice"])
    counted = registry.year_figures(organisation=org, year=2020, keys=[example_figure], overlays=False)
    assert counted[example_figure].total is None


def test_never_both_with_the_reports_figure(org: Organisation, personas: dict[str, Any], client_for: Any) -> None:
    """With the real enterable figure of the reporting point."""
    from open_integriteit.testing.fixtures import REPORT_DATA

    alice = personas["alice"]
    services.entered_total_set(organisation=org, key="reports.reports", year=2019, total=5, by=alice)
    response = client_for(alice).post(
        reverse("reports:staff_register"),
        {**REPORT_DATA, "channel": "letter", "received_at": "2019-03-01T10:00"},
    )
    assert response.status_code == 200 and "met de hand een totaal ingevoerd" in response.content.decode()
    registered = client_for(alice).post(
        reverse("reports:staff_register"),
        {**REPORT_DATA, "channel": "letter", "received_at": "2018-12-31T10:00"},
    )
    assert registered.status_code == 302
    with pytest.raises(ValidationError):
        services.entered_total_set(organisation=org, key="reports.reports", year=2018, total=5, by=alice)


def test_the_demo_enters_totals_of_earlier_years_where_the_figure_allows(
    org: Organisation, personas: dict[str, Any], example_figure: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from open_integriteit.indicators import demo

    _measure(org, personas["alice"], 2020)  # 2020 has records: the demo leaves it to them
    monkeypatch.setattr(demo, "ENTERED", {example_figure: {org.slug: {2019: 10, 2020: 7}}, "absent.figure": {}})
    demo._entered_totals(org, personas["alice"])
    demo._entered_totals(org, personas["alice"])
    (entered,) = EnteredTotal.objects.filter(organisation=org)
    assert (entered.year, entered.total, entered.breakdown) == (2019, 10, {"percent": "6", "score": "2", "count": "2"})


def test_no_total_for_this_year_and_a_count_is_a_whole_number(
    org: Organisation, personas: dict[str, Any], example_figure: str
) -> None:
    """Found in the review: a total for the current year would shut the intake of records."""
    alice = personas["alice"]
    this_year = dt.date.today().year
    with pytest.raises(ValidationError) as refused:
        services.entered_total_set(organisation=org, key=example_figure, year=this_year, total=3, by=alice)
    assert "year" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.entered_total_set(organisation=org, key=example_figure, year=2020, total=Decimal("2.5"), by=alice)
    assert "total" in refused.value.message_dict
