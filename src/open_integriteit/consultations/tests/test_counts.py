"""The coordinator sees counts only; counts combine contact-by-contact logs and year totals;
an adviser per year either logs contacts or enters totals, never both."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.consultations import services
from open_integriteit.consultations.models import YearTotal
from open_integriteit.consultations.selectors import consultation_counts
from open_integriteit.consultations.services import TopicTotal
from open_integriteit.lists.services import list_entry_set_active

from .conftest import DISTINCTIVE_DATE

pytestmark = pytest.mark.django_db


def by_code(rows):
    return {row.topic.code: (row.contacts, row.conversations, row.led_to_report) for row in rows}


@pytest.fixture
def figures(log_setup):
    """2025: carol logs 2 more contacts; the external service enters totals. 2024: one contact."""
    carol, vince = log_setup.people["carol"], log_setup.people["vince"]
    topics = log_setup.topics
    for date, code, conversations, led in [
        (dt.date(2025, 6, 2), "onveiligheid", 1, False),
        (dt.date(2025, 9, 30), "zakelijke-integriteit", 2, False),
        (dt.date(2024, 12, 31), "onveiligheid", 4, True),
    ]:
        services.contact_log(
            adviser=log_setup.internal,
            by=carol,
            date=date,
            topic=topics[code],
            conversations=conversations,
            led_to_report=led,
        )
    services.year_totals_save(
        adviser=log_setup.external,
        by=vince,
        year=2025,
        totals=[
            TopicTotal(topics["onveiligheid"], contacts=5, conversations=8, led_to_report=1),
            TopicTotal(topics["arbeidsconflict"], contacts=2, conversations=2),
        ],
    )
    return log_setup


def test_counts_combine_logged_contacts_and_year_totals(figures, org):
    rows = by_code(consultation_counts(organisation=org, year=2025))
    # onveiligheid: carol 3 + 1 conversations (one led to a report) + external 5 contacts / 8 / 1
    assert rows["onveiligheid"] == (2 + 5, 3 + 1 + 8, 1 + 1)
    assert rows["zakelijke-integriteit"] == (1, 2, 0)
    assert rows["arbeidsconflict"] == (2, 2, 0)
    # Every topic in use is listed, also without contacts.
    assert rows["ongewenste-omgangsvormen"] == (0, 0, 0)
    assert rows["advies-algemeen"] == (0, 0, 0)
    assert by_code(consultation_counts(organisation=org, year=2024))["onveiligheid"] == (1, 4, 1)
    assert sum(r.contacts for r in consultation_counts(organisation=org, year=2023)) == 0


def test_counts_of_another_organisation_are_separate(figures, other_org):
    assert sum(r.contacts for r in consultation_counts(organisation=other_org, year=2025)) == 0


def test_a_switched_off_topic_still_counts_where_it_has_contacts(figures, org):
    list_entry_set_active(entry=figures.topics["zakelijke-integriteit"], by=figures.people["alice"], active=False)
    list_entry_set_active(entry=figures.topics["advies-algemeen"], by=figures.people["alice"], active=False)
    rows = by_code(consultation_counts(organisation=org, year=2025))
    assert rows["zakelijke-integriteit"] == (1, 2, 0)
    assert "advies-algemeen" not in rows


def test_coordinator_overview_shows_counts_and_never_a_single_contact(figures, client_for):
    response = client_for(figures.people["alice"]).get(reverse("consultations:overview"), {"year": 2025})
    assert response.status_code == 200
    assert "contacts" not in response.context
    assert response.context["totals"] == {"contacts": 10, "conversations": 16, "led_to_report": 2}
    page = response.content.decode()
    for rendering in ("2025-03-17", "17-03-2025", "17 mrt", "17 maart", "17 Mar", "17 March"):
        assert rendering not in page, rendering
    # The adviser does see the distinctive date in their own log.
    own = client_for(figures.people["carol"]).get(reverse("consultations:contact_list"), {"year": 2025})
    assert DISTINCTIVE_DATE in [c.date for c in own.context["contacts"]]


def test_coordinator_chooses_the_year(figures, client_for):
    alice = client_for(figures.people["alice"])
    response = alice.get(reverse("consultations:overview"), {"year": 2024})
    assert response.context["year"] == 2024
    assert response.context["totals"]["contacts"] == 1
    # A year that is not offered falls back to this year instead of failing.
    assert alice.get(reverse("consultations:overview"), {"year": "nonsense"}).status_code == 200


def test_year_totals_are_refused_for_a_year_with_logged_contacts(log_setup):
    services.contact_log(
        adviser=log_setup.external,
        by=log_setup.people["vince"],
        date=dt.date(2024, 5, 1),
        topic=log_setup.topics["onveiligheid"],
        conversations=1,
        led_to_report=False,
    )
    with pytest.raises(ValidationError) as exc:
        services.year_totals_save(
            adviser=log_setup.external,
            by=log_setup.people["vince"],
            year=2024,
            totals=[TopicTotal(log_setup.topics["onveiligheid"], contacts=3, conversations=3)],
        )
    assert "year" in exc.value.message_dict
    assert not YearTotal.objects.exists()


def test_a_contact_is_refused_in_a_year_with_year_totals(log_setup):
    vince = log_setup.people["vince"]
    topic = log_setup.topics["onveiligheid"]
    services.year_totals_save(
        adviser=log_setup.external, by=vince, year=2023, totals=[TopicTotal(topic, contacts=3, conversations=3)]
    )
    with pytest.raises(ValidationError) as exc:
        services.contact_log(
            adviser=log_setup.external,
            by=vince,
            date=dt.date(2023, 5, 1),
            topic=topic,
            conversations=1,
            led_to_report=False,
        )
    assert "date" in exc.value.message_dict


def totals_post(client, year, topic, **numbers):
    data = {"year": year}
    data.update({f"{name}_{topic.pk}": value for name, value in numbers.items()})
    return client.post(reverse("consultations:year_totals") + f"?year={year}", data)


def test_external_service_enters_corrects_and_clears_its_year_totals(log_setup, client_for):
    client = client_for(log_setup.people["vince"])
    topic = log_setup.topics["ongewenste-omgangsvormen"]
    response = totals_post(client, 2025, topic, contacts=4, conversations=6, led_to_report=1)
    assert response.status_code == 302
    total = YearTotal.objects.get()
    assert (total.year, total.topic, total.contacts, total.conversations, total.led_to_report) == (2025, topic, 4, 6, 1)
    event = AuditEvent.objects.filter(action="consultation.year_total_saved").get()
    assert set(event.details) == {"adviser_id", "year", "topic_id"}

    form = client.get(reverse("consultations:year_totals"), {"year": 2025}).context["form"]
    assert form.initial[f"contacts_{topic.pk}"] == 4

    totals_post(client, 2025, topic, contacts=5, conversations=6, led_to_report=1)
    assert YearTotal.objects.get().contacts == 5
    totals_post(client, 2025, topic, contacts=0, conversations=0, led_to_report=0)
    assert not YearTotal.objects.exists()
    assert AuditEvent.objects.filter(action="consultation.year_total_deleted").count() == 1


@pytest.mark.parametrize(
    ("numbers", "field"),
    [
        ({"contacts": 4, "conversations": 2}, "conversations"),
        ({"contacts": 0, "conversations": 2}, "contacts"),
        ({"contacts": 2, "conversations": 2, "led_to_report": 3}, "led_to_report"),
        ({"contacts": -1, "conversations": 2}, "contacts"),
        ({"contacts": "many", "conversations": 2}, "contacts"),
    ],
)
def test_year_totals_that_do_not_add_up_get_a_field_error(log_setup, client_for, numbers, field):
    topic = log_setup.topics["onveiligheid"]
    response = totals_post(client_for(log_setup.people["vince"]), 2025, topic, **numbers)
    assert response.status_code == 200
    assert f"{field}_{topic.pk}" in response.context["form"].errors
    assert not YearTotal.objects.exists()


def test_year_totals_for_the_future_are_refused(log_setup, client_for):
    topic = log_setup.topics["onveiligheid"]
    future = dt.date.today().year + 1
    totals_post(client_for(log_setup.people["vince"]), future, topic, contacts=1, conversations=1)
    assert not YearTotal.objects.exists()
