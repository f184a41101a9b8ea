"""Survey indicators (issue 9): Alice, the coordinator, records what the staff surveys
measured; each measurement is compared with the previous one (which may be two years
earlier), and the annual report reads them through ``statistics.indicators``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.figures import registry
from open_integriteit.indicators import services, statistics
from open_integriteit.indicators.models import Indicator, Measurement
from open_integriteit.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _indicator(org: Organisation, by: Any, name: str, unit: str, values: dict[int, str]) -> Indicator:
    indicator = services.indicator_create(organisation=org, by=by, name=name, unit=unit, question=f"{name}?")
    for year, value in values.items():
        services.measurement_record(indicator=indicator, by=by, year=year, value=Decimal(value), source=f"MTO {year}")
    return indicator


def test_each_measurement_is_compared_with_the_previous_one_in_words(
    org: Organisation, personas: dict[str, Any], client_for: Any
) -> None:
    """Surveys are not yearly: 2024 is compared with 2022, not with 2023."""
    _indicator(org, personas["alice"], "Knows the adviser", "percent", {2020: "30", 2022: "34.5", 2024: "34.5"})
    _indicator(org, personas["alice"], "Social safety", "score", {2022: "7.4", 2024: "7.1"})
    rows = {row.name: row for row in statistics.indicators(organisation=org, year=2024)}
    assert (rows["Knows the adviser"].previous_year, rows["Knows the adviser"].direction) == (2022, "equal")
    assert rows["Social safety"].difference == Decimal("-0.3")
    assert rows["Social safety"].direction == "down"
    assert rows["Social safety"].comparison == "0,3 lager dan in 2022 (7,4)"
    (row_2022,) = [r for r in statistics.indicators(organisation=org, year=2022) if r.unit == "percent"]
    assert row_2022.comparison == "4,5 procentpunt hoger dan in 2020 (30%)"
    assert (row_2022.value, row_2022.source, row_2022.question) == (Decimal("34.5"), "MTO 2022", "Knows the adviser?")
    first = list(statistics.indicators(organisation=org, year=2020))
    assert [(r.previous_value, r.direction, r.comparison) for r in first] == [(None, None, "Eerste meting")]
    assert statistics.indicators(organisation=org, year=2023) == []

    page = client_for(personas["alice"]).get(reverse("indicators:list")).content.decode()
    assert "0,3 lager dan in 2022 (7,4)" in page and "gelijk aan 2022 (34,5%)" in page


def test_the_report_reads_a_years_indicators_in_one_query(
    org: Organisation, personas: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for n in range(3):
        _indicator(org, personas["alice"], f"Indicator {n}", "percent", {2021: "10", 2023: "12", 2024: "11"})
    with django_assert_num_queries(1):
        assert len(statistics.indicators(organisation=org, year=2023)) == 3


def test_measurements_count_in_the_year_of_the_survey(org: Organisation, personas: dict[str, Any]) -> None:
    _indicator(org, personas["alice"], "A", "percent", {2023: "10", 2024: "11"})
    _indicator(org, personas["alice"], "B", "score", {2024: "7"})
    figure = registry.year_figures(organisation=org, year=2024)["indicators.measurements"]
    assert (figure.total, [(r.key, r.value) for r in figure.breakdown]) == (2, [("MTO 2024", 2)])
    assert registry.year_figures(organisation=org, year=2023)["indicators.measurements"].total == 1
    assert registry.year_figures(organisation=org, year=2025)["indicators.measurements"].total is None


def test_coordinator_records_an_indicator_for_two_years_and_corrects_one(
    org: Organisation, personas: dict[str, Any], client_for: Any
) -> None:
    alice = client_for(personas["alice"])
    response = alice.post(
        reverse("indicators:create"),
        {"name": "Experienced unwanted behaviour", "unit": "percent", "question": "Did you experience it?"},
    )
    indicator = Indicator.objects.get(organisation=org)
    assert response["Location"] == reverse("indicators:detail", args=[indicator.pk])
    detail = reverse("indicators:detail", args=[indicator.pk])
    for year, value in (("2022", "18"), ("2024", "15"), ("2024", "14")):  # the last corrects 2024
        assert alice.post(detail, {"year": year, "value": value, "source": f"MTO {year}"}).status_code == 302
    assert [(m.year, m.value) for m in Measurement.objects.order_by("year")] == [
        (2022, Decimal("18")),
        (2024, Decimal("14")),
    ]
    assert "4 procentpunt lager dan in 2022 (18%)" in alice.get(detail).content.decode()
    actions = list(AuditEvent.objects.filter(action__startswith="indicators.").values_list("action", flat=True))
    assert actions.count("indicators.measurement_recorded") == 2
    assert actions.count("indicators.measurement_changed") == 1
    removed = Measurement.objects.get(year=2024)
    assert alice.post(reverse("indicators:measurement_remove", args=[removed.pk])).status_code == 302
    assert list(Measurement.objects.values_list("year", flat=True)) == [2022]


def test_a_name_is_used_once_and_a_refused_form_keeps_the_input(
    org: Organisation, personas: dict[str, Any], client_for: Any
) -> None:
    _indicator(org, personas["alice"], "Social safety", "score", {})
    response = client_for(personas["alice"]).post(
        reverse("indicators:create"), {"name": "social safety", "unit": "score", "question": "Kept question"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Kept question" in page
    assert Indicator.objects.count() == 1
    with pytest.raises(ValidationError):
        services.indicator_create(organisation=org, by=personas["alice"], name="Social safety", unit="score")


def test_a_future_year_is_refused(org: Organisation, personas: dict[str, Any], client_for: Any) -> None:
    indicator = _indicator(org, personas["alice"], "A", "percent", {})
    response = client_for(personas["alice"]).post(
        reverse("indicators:detail", args=[indicator.pk]), {"year": "2999", "value": "1", "source": "MTO"}
    )
    assert response.status_code == 200 and not Measurement.objects.exists()


@pytest.mark.parametrize("persona", ["grace", "erin", "frank", "bob"])
def test_only_our_coordinator_sees_our_indicators(
    org: Organisation, personas: dict[str, Any], client_for: Any, persona: str
) -> None:
    """Grace of another organisation, Erin the administrator, Frank the auditor, Bob the investigator."""
    indicator = _indicator(org, personas["alice"], "Knows the adviser", "percent", {2024: "60"})
    client = client_for(personas[persona])
    assert client.get(reverse("indicators:detail", args=[indicator.pk])).status_code == 404
    measurement = indicator.measurements.get()
    assert client.post(reverse("indicators:measurement_remove", args=[measurement.pk])).status_code == 404
    assert "Knows the adviser" not in client.get(reverse("indicators:list")).content.decode()
    with pytest.raises(PermissionDenied):
        services.measurement_record(
            indicator=indicator, by=personas[persona], year=2023, value=Decimal("1"), source="MTO"
        )
    assert Measurement.objects.count() == 1
