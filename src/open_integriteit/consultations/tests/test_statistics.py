"""The confidential advisers' figures (issue 9, ADR 0025), from contacts logged and year totals
entered through the real services: a contact counts in the year of its date (31 December and
1 January apart), an external service's year totals in their year, each contact once; an
entered total replaces the year's count and refuses a contact in that year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.consultations import services
from open_integriteit.consultations.services import TopicTotal
from open_integriteit.consultations.statistics import SPECS
from open_integriteit.figures import registry
from open_integriteit.figures.models import EnteredTotal

from .conftest import LogSetup

pytestmark = pytest.mark.django_db
KEYS = [spec.key for spec in SPECS]


def breakdown(figure: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in figure.breakdown}


def year(org: Any, y: int) -> dict[str, registry.Figure]:
    return registry.year_figures(organisation=org, year=y, keys=KEYS)


def log(setup: LogSetup, date: dt.date, code: str, conversations: int = 1, led: bool = False) -> None:
    services.contact_log(
        adviser=setup.internal,
        by=setup.people["carol"],
        date=date,
        topic=setup.topics[code],
        conversations=conversations,
        led_to_report=led,
    )


def test_contacts_by_their_date_and_year_totals_in_their_year_each_once(org, log_setup):
    # log_setup: carol's contact on 17 March 2025 (onveiligheid, 3 conversations, led to a report).
    log(log_setup, dt.date(2024, 12, 31), "onveiligheid", conversations=4)
    log(log_setup, dt.date(2025, 1, 1), "zakelijke-integriteit", conversations=2, led=True)
    services.year_totals_save(
        adviser=log_setup.external,
        by=log_setup.people["vince"],
        year=2025,
        totals=[TopicTotal(log_setup.topics["onveiligheid"], contacts=5, conversations=8, led_to_report=1)],
    )

    figures = year(org, 2025)
    assert figures["consultations.contacts"].total == 1 + 1 + 5
    assert breakdown(figures["consultations.contacts"]) == {"zakelijke-integriteit": 1, "onveiligheid": 6}
    assert breakdown(figures["consultations.conversations"]) == {"zakelijke-integriteit": 2, "onveiligheid": 11}
    assert figures["consultations.led_to_report"].total == 1 + 1 + 1
    before = year(org, 2024)
    assert before["consultations.contacts"].total == 1
    assert breakdown(before["consultations.conversations"]) == {"onveiligheid": 4}


def test_an_entered_total_replaces_the_count_and_refuses_a_contact_in_that_year(org, log_setup):
    # No service for entered totals exists yet (figures app, issue 9): made through the model.
    EnteredTotal.objects.create(
        organisation=org,
        key="consultations.contacts",
        year=2021,
        total=Decimal(40),
        source="Invented annual report 2021",
        entered_by=log_setup.people["alice"],
    )
    assert year(org, 2021)["consultations.contacts"].entered
    assert year(org, 2021)["consultations.contacts"].total == 40
    with pytest.raises(ValidationError) as refused:
        log(log_setup, dt.date(2021, 12, 31), "onveiligheid")
    assert "date" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.year_totals_save(
            adviser=log_setup.external,
            by=log_setup.people["vince"],
            year=2021,
            totals=[TopicTotal(log_setup.topics["onveiligheid"], contacts=5, conversations=8)],
        )
    assert "year" in refused.value.message_dict
    with pytest.raises(ValidationError):  # moving a contact into that year is refused too
        services.contact_update(
            contact=log_setup.contact,
            by=log_setup.people["carol"],
            date=dt.date(2021, 6, 1),
            topic=log_setup.contact.topic,
            conversations=1,
            led_to_report=False,
            referral="none",
        )
    log(log_setup, dt.date(2022, 1, 1), "onveiligheid")
    assert year(org, 2022)["consultations.contacts"].total == 1


def test_the_number_of_queries_does_not_grow_with_the_contacts(org, log_setup):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            year(org, 2024)
        return len(captured)

    codes = list(log_setup.topics)
    for i in range(3):
        log(log_setup, dt.date(2024, 1, 1 + i), codes[i % len(codes)])
    few = queries()
    for i in range(27):
        log(log_setup, dt.date(2024, 2, 1 + i % 28), codes[i % len(codes)])
    assert year(org, 2024)["consultations.contacts"].total == 30
    assert queries() == few
