"""The report's sentences comparing a figure with its previous measurement (issue 10)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from open_integriteit.annual_reports.comparisons import Direction, compare, format_value, latest_before, noun
from open_integriteit.figures.registry import Figure, Spec, Unit


def figure(label: str, year: int, total: int | Decimal | None, unit: str = Unit.COUNT, entered: bool = False) -> Figure:
    return Figure(spec=Spec(key="t.x", label=label, rule="", unit=unit), year=year, total=total, entered=entered)


@pytest.mark.parametrize(
    ("before", "after", "direction", "dutch"),
    [
        (2, 4, Direction.ROSE, "Het aantal meldingen is gestegen van 2 naar 4."),
        (58, 39, Direction.FELL, "Het aantal meldingen is gedaald van 58 naar 39."),
        (4, 4, Direction.SAME, "Het aantal meldingen is gelijk gebleven: 4."),
        (1200, 1234, Direction.ROSE, "Het aantal meldingen is gestegen van 1.200 naar 1.234."),
    ],
)
def test_counts_rise_fall_or_stay_the_same_in_natural_dutch(before, after, direction, dutch):
    with translation.override("nl"):
        result = compare(current=figure("Meldingen", 2023, after), previous=figure("Meldingen", 2022, before))
    assert result.direction == direction
    assert result.text == dutch


def test_the_same_comparison_in_english():
    with translation.override("en"):
        rose = compare(current=figure("Reports received", 2023, 4), previous=figure("Reports received", 2022, 2))
        same = compare(current=figure("Reports received", 2023, 4), previous=figure("Reports received", 2022, 4))
    assert rose.text == "The number of reports received rose from 2 to 4."
    assert same.text == "The number of reports received stayed the same: 4."


def test_the_first_year_states_the_number_without_comparison():
    with translation.override("nl"):
        result = compare(current=figure("meldingen", 2023, 4), previous=None)
    assert result.direction == Direction.FIRST
    assert result.text == "In 2023 was het aantal meldingen 4."


def test_a_percentage_changes_by_percentage_points_and_names_an_earlier_survey_year():
    current = figure("medewerkers die de vertrouwenspersoon kennen", 2024, Decimal("71.5"), Unit.PERCENT)
    previous = figure("medewerkers die de vertrouwenspersoon kennen", 2022, Decimal("64"), Unit.PERCENT)
    with translation.override("nl"):
        result = compare(current=current, previous=previous)
    assert result.text == (
        "Het aandeel medewerkers die de vertrouwenspersoon kennen is gestegen van 64% (2022) naar 71,5% "
        "(7,5 procentpunt)."
    )


def test_an_entered_total_is_marked_in_either_year():
    with translation.override("nl"):
        result = compare(current=figure("eden", 2021, 30), previous=figure("eden", 2020, 25, entered=True))
        first = compare(current=figure("eden", 2020, 25, entered=True), previous=None)
    assert result.text == "Het aantal eden is gestegen van 25 (ingevoerd totaal) naar 30."
    assert first.text == "In 2020 was het aantal eden 25 (ingevoerd totaal)."


def test_a_year_without_value_says_so_and_names_the_last_known_value():
    with translation.override("nl"):
        result = compare(
            current=figure("Bibob-onderzoeken", 2023, None), previous=figure("Bibob-onderzoeken", 2022, 20)
        )
        entered = compare(
            current=figure("Bibob-onderzoeken", 2023, None),
            previous=figure("Bibob-onderzoeken", 2021, 150, entered=True),
        )
        never = compare(current=figure("Bibob-onderzoeken", 2023, None), previous=None)
    assert result.direction == entered.direction == never.direction == Direction.MISSING
    assert result.text == "Bibob-onderzoeken: over 2023 is niets vastgelegd (2022: 20)."
    assert entered.text == "Bibob-onderzoeken: over 2023 is niets vastgelegd (2021: 150, ingevoerd totaal)."
    assert never.text == "Bibob-onderzoeken: over 2023 is niets vastgelegd."


def test_amounts_in_euros_and_names_keep_their_capitals():
    with translation.override("nl"):
        assert format_value(Decimal("1250.40"), Unit.EUROS) == "€ 1.250"
        assert noun("Bibob-onderzoeken") == "Bibob-onderzoeken"
        assert noun("VOG's ontvangen") == "VOG's ontvangen"
        assert noun("Afgenomen eden") == "afgenomen eden"
        result = compare(
            current=figure("Bedrag van de afwijkingen", 2023, Decimal("30000"), Unit.EUROS),
            previous=figure("Bedrag van de afwijkingen", 2022, Decimal("45000.5"), Unit.EUROS),
        )
        first = compare(
            current=figure("Kosten van externe ondersteuning", 2023, Decimal("1200"), Unit.EUROS), previous=None
        )
    assert result.text == "Bedrag van de afwijkingen: gedaald van € 45.000 naar € 30.000."
    assert first.text == "Kosten van externe ondersteuning in 2023: € 1.200."


def test_the_previous_measurement_is_the_latest_earlier_year_with_a_value():
    years = {2020: figure("x", 2020, 3), 2021: figure("x", 2021, None), 2022: figure("x", 2022, 5)}
    assert latest_before(years, 2022) is years[2020]
    assert latest_before(years, 2020) is None
