"""The adviser's own log: logging, correcting and deleting entries; bad input gets a field
error and stores nothing; audit events carry ids only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from open_integriteit.audit.models import AuditEvent
from open_integriteit.consultations.models import Contact
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.lists.models import ListEntry

pytestmark = pytest.mark.django_db


def valid(setup, **changes):
    data = {
        "date": "2026-01-15",
        "topic": setup.topics["arbeidsconflict"].pk,
        "conversations": "2",
        "referral": "hr",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_adviser_logs_a_contact_without_any_name(log_setup, client_for):
    client = client_for(log_setup.people["carol"])
    response = client.post(reverse("consultations:contact_list"), valid(log_setup, led_to_report="on"))
    assert response.status_code == 302
    contact = Contact.objects.exclude(pk=log_setup.contact.pk).get()
    assert contact.adviser == log_setup.internal
    assert contact.organisation == log_setup.internal.organisation
    assert (contact.date, contact.conversations, contact.led_to_report, contact.referral) == (
        dt.date(2026, 1, 15),
        2,
        True,
        "hr",
    )
    event = AuditEvent.objects.filter(action="consultation.contact_logged", object_id=str(contact.pk)).get()
    assert event.details == {"adviser_id": log_setup.internal.pk}
    assert event.actor_id == log_setup.people["carol"].pk


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("date", {"date": None}),
        ("date", {"date": "31-02-2025"}),
        ("date", {"date": "1999-12-31"}),
        ("topic", {"topic": None}),
        ("topic", {"topic": "999999"}),
        ("conversations", {"conversations": "0"}),
        ("conversations", {"conversations": "-3"}),
        ("conversations", {"conversations": "a few"}),
        ("referral", {"referral": "neighbour"}),
    ],
)
def test_bad_input_gets_a_field_error_and_stores_nothing(log_setup, client_for, field, changes):
    response = client_for(log_setup.people["carol"]).post(
        reverse("consultations:contact_list"), valid(log_setup, **changes)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert Contact.objects.count() == 1


def test_a_date_in_the_future_is_refused(log_setup, client_for):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_for(log_setup.people["carol"]).post(
        reverse("consultations:contact_list"), valid(log_setup, date=tomorrow.isoformat())
    )
    assert "date" in response.context["form"].errors
    assert Contact.objects.count() == 1


def test_a_topic_of_another_organisation_cannot_be_chosen(log_setup, client_for, other_org):
    foreign = ListEntry.objects.filter(organisation=other_org, kind=TOPICS.code).first()
    response = client_for(log_setup.people["carol"]).post(
        reverse("consultations:contact_list"), valid(log_setup, topic=foreign.pk)
    )
    assert "topic" in response.context["form"].errors
    assert Contact.objects.count() == 1


def test_adviser_corrects_and_deletes_an_own_entry(log_setup, client_for):
    client = client_for(log_setup.people["carol"])
    contact = log_setup.contact
    url = reverse("consultations:contact_edit", args=[contact.pk])
    response = client.post(url, valid(log_setup, date="2025-03-18", conversations="5"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.date, contact.conversations, contact.led_to_report) == (dt.date(2025, 3, 18), 5, False)
    assert AuditEvent.objects.filter(action="consultation.contact_changed", object_id=str(contact.pk)).exists()

    assert client.get(reverse("consultations:contact_delete", args=[contact.pk])).status_code == 200
    assert Contact.objects.filter(pk=contact.pk).exists()  # a GET only asks for confirmation
    response = client.post(reverse("consultations:contact_delete", args=[contact.pk]))
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    event = AuditEvent.objects.get(action="consultation.contact_deleted")
    assert event.details == {"adviser_id": log_setup.internal.pk}


def test_correcting_an_entry_keeps_a_topic_that_was_switched_off(log_setup, client_for):
    topic = log_setup.topics["onveiligheid"]
    ListEntry.objects.filter(pk=topic.pk).update(active=False)
    client = client_for(log_setup.people["carol"])
    url = reverse("consultations:contact_edit", args=[log_setup.contact.pk])
    assert topic in client.get(url).context["form"].fields["topic"].queryset
    response = client.post(url, valid(log_setup, topic=topic.pk, date="2025-03-17", conversations="4"))
    assert response.status_code == 302
    log_setup.contact.refresh_from_db()
    assert log_setup.contact.conversations == 4
    # ...but a new contact cannot use it.
    response = client.post(reverse("consultations:contact_list"), valid(log_setup, topic=topic.pk))
    assert "topic" in response.context["form"].errors


def test_the_log_lists_the_chosen_year_with_the_advisers_own_counts(log_setup, client_for):
    client = client_for(log_setup.people["carol"])
    response = client.get(reverse("consultations:contact_list"), {"year": 2025})
    assert [c.pk for c in response.context["contacts"]] == [log_setup.contact.pk]
    assert response.context["totals"] == {"contacts": 1, "conversations": 3, "led_to_report": 1}
    assert list(client.get(reverse("consultations:contact_list"), {"year": 2024}).context["contacts"]) == []
