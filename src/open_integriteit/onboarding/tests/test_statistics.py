"""Every onboarding figure of keys.md, built through the services and read through the
statistics surface (``figures.registry.year_figures``), with the year boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.figures import registry
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.onboarding import services, statistics

from .conftest import ceremony_kwargs

pytestmark = pytest.mark.django_db

KEYS = {spec.key for spec in statistics.SPECS}


def rows(figure: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in figure.breakdown}


def ceremony_with(org, rita, people, pledges, **kwargs):
    ceremony = services.ceremony_record(organisation=org, by=rita, **ceremony_kwargs(**kwargs))
    services.participants_add(ceremony=ceremony, by=rita, people=people)
    by_person = {p.person_id: p.pk for p in ceremony.participants.all()}
    services.pledges_record(
        ceremony=ceremony,
        by=rita,
        pledges={by_person[person.pk]: pledge for person, pledge in zip(people, pledges, strict=True)},
    )
    return ceremony


@pytest.fixture
def recorded(org, register, staff):
    rita = staff["rita"]
    # 31 December 2025: two of own staff (oath, affirmation) and one whose choice is still open.
    ceremony_with(
        org, rita, [register["1001"], register["1002"], register["1003"]], ["oath", "affirmation", ""],
        held_on=dt.date(2025, 12, 31),
    )  # fmt: skip
    # 1 January 2026, online, for trainees: one oath.
    ceremony_with(org, rita, [register["1004"]], ["oath"], held_on=dt.date(2026, 1, 1), form="online", group="trainee")
    # A partner organisation's ceremony in 2026: counted apart, never in the own figures.
    services.ceremony_record(
        organisation=org,
        by=rita,
        **ceremony_kwargs(
            held_on=dt.date(2026, 3, 3), group="partner", partner_name="Omgevingsdienst Midden", partner_oaths=4,
            partner_affirmations=3,
        ),
    )  # fmt: skip
    services.statement_record(
        person=register["1003"], by=rita, kind="hired", signed_on=dt.date(2025, 12, 31), version="2024-1"
    )
    services.statement_record(
        person=register["1003"], by=rita, kind="holiday", signed_on=dt.date(2026, 1, 1), version="2026-1"
    )
    services.certificate_record(
        person=register["1003"], by=rita, received=True, received_on=dt.date(2025, 12, 31), screening_profile="45"
    )
    services.certificate_record(
        person=register["1005"], by=rita, received=True, received_on=dt.date(2026, 1, 1), screening_profile="Algemeen"
    )
    services.certificate_record(
        person=register["1004"], by=rita, received=False, received_on=None, screening_profile="45"
    )  # asked for, not received: not counted


def test_every_key_of_the_contract_is_there():
    assert {
        "onboarding.oaths",
        "onboarding.oath_or_affirmation",
        "onboarding.partner_oaths",
        "onboarding.ceremonies",
        "onboarding.integrity_statements",
        "onboarding.certificates_of_conduct",
        "onboarding.overdue_at_year_end",
    } == KEYS
    assert registry.enterable_specs()["onboarding.oaths"].enterable


def test_oaths_count_own_staff_by_ceremony_date_per_group(org, recorded):
    y2025 = registry.year_figures(organisation=org, year=2025, keys=KEYS)
    y2026 = registry.year_figures(organisation=org, year=2026, keys=KEYS)
    assert (y2025["onboarding.oaths"].total, rows(y2025["onboarding.oaths"])) == (2, {"employee": 2})
    assert (y2026["onboarding.oaths"].total, rows(y2026["onboarding.oaths"])) == (1, {"trainee": 1})


def test_oath_or_affirmation_split(org, recorded):
    y2025 = registry.year_figures(organisation=org, year=2025, keys=KEYS)["onboarding.oath_or_affirmation"]
    y2026 = registry.year_figures(organisation=org, year=2026, keys=KEYS)["onboarding.oath_or_affirmation"]
    assert (y2025.total, rows(y2025)) == (2, {"oath": 1, "affirmation": 1})
    assert (y2026.total, rows(y2026)) == (1, {"oath": 1})


def test_a_partner_organisations_ceremony_is_counted_apart(org, recorded):
    y2026 = registry.year_figures(organisation=org, year=2026, keys=KEYS)
    assert (y2026["onboarding.partner_oaths"].total, rows(y2026["onboarding.partner_oaths"])) == (
        7,
        {"Omgevingsdienst Midden": 7},
    )
    assert registry.year_figures(organisation=org, year=2025, keys=KEYS)["onboarding.partner_oaths"].total == 0


def test_ceremonies_in_person_and_online(org, recorded):
    y2025 = registry.year_figures(organisation=org, year=2025, keys=KEYS)["onboarding.ceremonies"]
    y2026 = registry.year_figures(organisation=org, year=2026, keys=KEYS)["onboarding.ceremonies"]
    assert (y2025.total, rows(y2025)) == (1, {"physical": 1})
    assert (y2026.total, rows(y2026)) == (2, {"online": 1, "physical": 1})


def test_integrity_statements_by_signing_date_per_kind(org, recorded):
    y2025 = registry.year_figures(organisation=org, year=2025, keys=KEYS)["onboarding.integrity_statements"]
    y2026 = registry.year_figures(organisation=org, year=2026, keys=KEYS)["onboarding.integrity_statements"]
    assert (y2025.total, rows(y2025)) == (1, {"hired": 1})
    assert (y2026.total, rows(y2026)) == (1, {"holiday": 1})


def test_certificates_of_conduct_received_per_screening_profile(org, recorded):
    y2025 = registry.year_figures(organisation=org, year=2025, keys=KEYS)["onboarding.certificates_of_conduct"]
    y2026 = registry.year_figures(organisation=org, year=2026, keys=KEYS)["onboarding.certificates_of_conduct"]
    assert (y2025.total, rows(y2025)) == (1, {"45": 1})
    assert (y2026.total, rows(y2026)) == (1, {"Algemeen": 1})


@time_machine.travel(dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.UTC), tick=False)
def test_overdue_at_year_end_is_the_state_on_31_december(org, register, staff):
    # 31 Dec 2025: Ilse (2020) and Bram (2021) are overdue; the others started in 2026.
    y2025 = registry.year_figures(organisation=org, year=2025, keys=KEYS)["onboarding.overdue_at_year_end"]
    assert (y2025.total, rows(y2025)) == (2, {"employee": 2})
    # Youssef (trainee, due 14 May 2026) is overdue on 31 Dec 2026, Emma (20 April) too.
    y2026 = registry.year_figures(organisation=org, year=2026, keys=KEYS)["onboarding.overdue_at_year_end"]
    assert (y2026.total, rows(y2026)) == (4, {"employee": 3, "trainee": 1})
    # Ilse took the oath on 31 December 2025: off the list on that day.
    ceremony_with(org, staff["rita"], [register["1001"]], ["oath"], held_on=dt.date(2025, 12, 31))
    y2025 = registry.year_figures(organisation=org, year=2025, keys=KEYS)["onboarding.overdue_at_year_end"]
    assert (y2025.total, rows(y2025)) == (1, {"employee": 1})


def test_a_year_with_an_entered_total_refuses_records_of_own_oaths(org, register, staff):
    EnteredTotal.objects.create(
        organisation=org, year=2020, key="onboarding.oaths", total=12, breakdown={}, entered_by=staff["alice"]
    )
    with pytest.raises(ValidationError) as refused:
        services.ceremony_record(organisation=org, by=staff["rita"], **ceremony_kwargs(held_on=dt.date(2020, 5, 1)))
    assert "held_on" in refused.value.message_dict
    # A partner organisation's ceremony is not in that figure.
    services.ceremony_record(
        organisation=org,
        by=staff["rita"],
        **ceremony_kwargs(held_on=dt.date(2020, 5, 1), group="partner", partner_name="Waterschap", partner_oaths=2),
    )
    figure = registry.year_figures(organisation=org, year=2020, keys=KEYS)["onboarding.oaths"]
    assert (figure.total, figure.entered) == (12, True)


def test_the_figures_take_a_constant_number_of_queries(org, recorded, register, staff):
    with CaptureQueriesContext(connection) as before:
        statistics.figures(organisation=org, year=2026)
    ceremony_with(
        org, staff["rita"], [register["1005"], register["1002"]], ["oath", "oath"], held_on=dt.date(2026, 7, 1)
    )
    with CaptureQueriesContext(connection) as after:
        statistics.figures(organisation=org, year=2026)
    # No query per record: a fixed handful (an empty in_bulk or a cached key may save one).
    assert len(before) <= 9 and len(after) <= 9


def test_the_running_year_counts_todays_state_not_a_projection(org, register):
    # On 15 May 2026 Youssef (due 14 May) is overdue; Emma (due 20 June) not yet.
    with time_machine.travel(dt.datetime(2026, 5, 15, 9, 0, tzinfo=dt.UTC), tick=False):
        figure = registry.year_figures(organisation=org, year=2026, keys=KEYS)["onboarding.overdue_at_year_end"]
    assert (figure.total, rows(figure)) == (3, {"employee": 2, "trainee": 1})


def test_a_ceremony_is_not_moved_into_or_out_of_a_year_with_an_entered_total(org, register, staff):
    rita = staff["rita"]
    ceremony = ceremony_with(org, rita, [register["1001"]], ["oath"], held_on=dt.date(2021, 3, 1))
    EnteredTotal.objects.create(
        organisation=org, year=2020, key="onboarding.oaths", total=12, breakdown={}, entered_by=staff["alice"]
    )
    with pytest.raises(ValidationError):
        services.ceremony_update(ceremony=ceremony, by=rita, held_on=dt.date(2020, 12, 1))
    EnteredTotal.objects.filter(year=2020).update(year=2021)
    with pytest.raises(ValidationError):
        services.ceremony_update(ceremony=ceremony, by=rita, held_on=dt.date(2022, 1, 10))
    ceremony.refresh_from_db()
    assert ceremony.held_on == dt.date(2021, 3, 1)
