"""Procurement deviations and Bibob checks: recorded by the coordinator (alice) and the
register clerk (rita), counted in the year of their date, and a Bibob year has records or an
entered total of a kind, never both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from open_integriteit.accounts.models import Role, User
from open_integriteit.figures import registry
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries_by_code
from open_integriteit.organisations.models import Organisation
from open_integriteit.procurement import services
from open_integriteit.procurement.models import BibobCheck, Deviation
from open_integriteit.procurement.reasons import REASONS
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(org: Organisation) -> User:
    return make_user(org, "rita", Role.REGISTER_CLERK)


@pytest.fixture
def reasons(org: Organisation) -> dict[str, ListEntry]:
    return entries_by_code(organisation=org, kind=REASONS.code)


def deviate(org: Organisation, by: User, reason: ListEntry, on: dt.date, amount: str, procedure: str) -> Deviation:
    return services.deviation_record(
        organisation=org,
        by=by,
        date=on,
        subject="Invented catering contract with Invented Party BV",
        amount=Decimal(amount),
        procedure=procedure,
        reason=reason,
        explanation="Invented explanation",
        decided_by="Invented head of department",
    )


def check(org: Organisation, by: User, on: dt.date, kind: str, field: str, outcome: str) -> BibobCheck:
    return services.bibob_record(organisation=org, by=by, date=on, kind=kind, field=field, outcome=outcome)


def figure(org: Organisation, year: int, key: str) -> registry.Figure:
    return registry.year_figures(organisation=org, year=year, keys=[key])[key]


def rows(fig: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in fig.breakdown}


def test_deviations_count_by_decision_date_per_reason_and_amount_per_procedure(org, personas, rita, reasons):
    alice = personas["alice"]
    deviate(org, alice, reasons["urgentie"], dt.date(2024, 12, 31), "1000.00", "european")  # 2024
    deviate(org, rita, reasons["urgentie"], dt.date(2025, 1, 1), "2500.50", "european")
    deviate(org, rita, reasons["enige-leverancier"], dt.date(2025, 6, 1), "300.00", "multiple_private")
    deviate(org, alice, reasons["urgentie"], dt.date(2025, 12, 31), "100.00", "multiple_private")

    count = figure(org, 2025, "procurement.deviations")
    assert count.total == 3
    assert rows(count) == {"urgentie": 2, "enige-leverancier": 1}
    amount = figure(org, 2025, "procurement.deviations_amount")
    assert amount.spec.unit == registry.Unit.EUROS
    assert amount.total == Decimal("2900.50")
    assert rows(amount) == {"european": Decimal("2500.50"), "multiple_private": Decimal("400.00")}
    assert figure(org, 2024, "procurement.deviations").total == 1
    assert figure(org, 2024, "procurement.deviations_amount").total == Decimal("1000.00")
    assert figure(org, 2026, "procurement.deviations").total is None


def test_bibob_checks_count_per_kind_field_and_outcome(org, personas, rita):
    alice = personas["alice"]
    check(org, alice, dt.date(2024, 12, 31), "risk_analysis", "permits", "no_risk")  # 2024
    check(org, alice, dt.date(2025, 1, 1), "risk_analysis", "permits", "no_risk")
    check(org, rita, dt.date(2025, 3, 1), "risk_analysis", "real_estate", "ongoing")
    check(org, rita, dt.date(2025, 12, 31), "investigation", "exploitation", "serious")
    check(org, rita, dt.date(2026, 1, 1), "investigation", "permits", "refused")  # 2026

    scans = figure(org, 2025, "procurement.bibob_risk_analyses")
    assert (scans.total, rows(scans), scans.entered) == (2, {"permits": 1, "real_estate": 1}, False)
    investigations = figure(org, 2025, "procurement.bibob_investigations")
    assert (investigations.total, rows(investigations)) == (1, {"exploitation": 1})
    outcomes = figure(org, 2025, "procurement.bibob_outcomes")
    assert (outcomes.total, rows(outcomes)) == (3, {"no_risk": 1, "serious": 1, "ongoing": 1})
    assert figure(org, 2024, "procurement.bibob_risk_analyses").total == 1
    assert figure(org, 2026, "procurement.bibob_investigations").total == 1
    assert figure(org, 2026, "procurement.bibob_risk_analyses").total is None


def test_a_bibob_year_has_records_or_an_entered_total_never_both(org, personas, rita):
    alice = personas["alice"]
    services.bibob_totals_save(
        organisation=org,
        by=rita,
        year=2021,
        totals={"risk_analysis": {"permits": 4, "real_estate": 2}, "investigation": {"permits": 1}},
        source="Invented annual report 2021",
    )
    scans = figure(org, 2021, "procurement.bibob_risk_analyses")
    assert (scans.total, rows(scans), scans.entered) == (6, {"permits": 4, "real_estate": 2}, True)
    assert figure(org, 2021, "procurement.bibob_investigations").total == 1

    # A check dated in 2021 is refused, on the date, with a Dutch message.
    with pytest.raises(ValidationError) as refused:
        check(org, alice, dt.date(2021, 12, 31), "investigation", "permits", "no_risk")
    assert "date" in refused.value.message_dict
    assert not BibobCheck.objects.exists()
    check(org, alice, dt.date(2022, 1, 1), "investigation", "permits", "no_risk")  # the next year is free

    # A total for a year with records of that kind is refused; of the other kind it is fine.
    with pytest.raises(ValidationError):
        services.bibob_totals_save(organisation=org, by=rita, year=2022, totals={"investigation": {"permits": 2}})
    services.bibob_totals_save(organisation=org, by=rita, year=2022, totals={"risk_analysis": {"subsidies": 3}})
    assert figure(org, 2022, "procurement.bibob_investigations").entered is False
    assert figure(org, 2022, "procurement.bibob_risk_analyses").entered is True

    # All zero removes the total again.
    services.bibob_totals_save(organisation=org, by=rita, year=2021, totals={"risk_analysis": {}, "investigation": {}})
    assert not EnteredTotal.objects.filter(year=2021).exists()


@pytest.mark.parametrize("persona", ["bob", "carol", "dave", "erin", "frank", "mila"])
def test_only_the_coordinator_and_the_register_clerk_record(org, personas, reasons, persona):
    with pytest.raises(PermissionDenied):
        deviate(org, personas[persona], reasons["anders"], dt.date(2025, 1, 1), "1.00", "single")
    with pytest.raises(PermissionDenied):
        check(org, personas[persona], dt.date(2025, 1, 1), "investigation", "permits", "no_risk")


def test_another_organisations_coordinator_cannot_record_here_nor_use_our_reasons(org, other_org, personas, reasons):
    grace = personas["grace"]
    with pytest.raises(PermissionDenied):
        deviate(org, grace, reasons["anders"], dt.date(2025, 1, 1), "1.00", "single")
    with pytest.raises(ValidationError):  # her own organisation, our reason
        deviate(other_org, grace, reasons["anders"], dt.date(2025, 1, 1), "1.00", "single")


def test_subject_explanation_and_who_decided_are_encrypted_at_rest(org, personas, reasons):
    deviation = deviate(org, personas["alice"], reasons["anders"], dt.date(2025, 1, 1), "1.00", "single")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT subject, explanation, decided_by FROM procurement_deviation WHERE id = %s", [deviation.pk]
        )
        stored = cursor.fetchone()
    assert all(value.startswith("oi1:") for value in stored)
    assert "Invented" not in "".join(stored)


def test_the_register_clerk_records_a_deviation_and_bibob_totals_through_the_pages(org, rita, reasons, client_for):
    client = client_for(rita)
    response = client.post(
        reverse("procurement:deviation_new"),
        {
            "date": "2025-02-03",
            "subject": "Invented software licence",
            "amount": "18000.00",
            "procedure": "national",
            "reason": reasons["enige-leverancier"].pk,
            "decided_by": "Invented director",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Invented software licence" in page
    response = client.post(
        reverse("procurement:bibob") + "?year=2021",
        {
            "action": "totals",
            "totals-year": "2021",
            "totals-investigation__permits": "3",
            "totals-source": "Invented report",
        },
    )
    assert response.status_code == 302
    assert figure(org, 2021, "procurement.bibob_investigations").total == 3
    # Now a check in 2021 is refused on the page, the date keeps what was typed.
    response = client.post(
        reverse("procurement:bibob"),
        {"action": "record", "date": "2021-05-05", "kind": "investigation", "field": "permits", "outcome": "lesser"},
    )
    assert response.status_code == 200
    assert "2021-05-05" in response.content.decode()
    assert not BibobCheck.objects.exists()


def test_figures_take_a_constant_number_of_queries(org, personas, reasons, django_assert_max_num_queries):
    alice = personas["alice"]
    for day in range(1, 20):
        deviate(org, alice, reasons["anders"], dt.date(2025, 1, day), "10.00", "single")
        check(org, alice, dt.date(2025, 1, day), "risk_analysis", "permits", "no_risk")
    from open_integriteit.procurement import statistics

    with django_assert_max_num_queries(4):
        statistics.figures(organisation=org, year=2025)
