"""Advice requests are for the coordinators of the organisation (who may open which page is
tested for every persona in ``access/tests/test_need_to_know.py``): another organisation's
coordinator sees none of ours, and every read is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from open_integriteit.accounts.models import User
from open_integriteit.advice import services
from open_integriteit.audit.models import AuditEvent
from open_integriteit.lists.models import ListEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org, personas):
    record = services.advice_register(
        organisation=org,
        by=personas["alice"],
        date=dt.date(2025, 4, 8),
        received_via="hr",
        topic=ListEntry.objects.get(organisation=org, kind="advice.topic", code="side_jobs"),
        question="Invented: may I join the board of a local party?",
        advice="Invented: yes, with agreements.",
        anonymised_summary="An employee asked about a side job at a local party; allowed with agreements.",
    )
    outsider = User.objects.create_user(username="outsider", password="x" * 20, organisation=org)
    return record, {**personas, "outsider": outsider}


def test_coordinator_of_another_organisation_sees_nothing_of_ours(setup, client_for):
    record, people = setup
    grace = client_for(people["grace"])
    assert grace.get(reverse("advice:detail", args=[record.pk])).status_code == 404
    assert grace.get(reverse("advice:edit", args=[record.pk])).status_code == 404
    assert grace.post(reverse("advice:edit", args=[record.pk]), {"question": "changed"}).status_code == 404
    response = grace.get(reverse("advice:list"))
    assert response.status_code == 200
    assert list(response.context["records"]) == []
    assert "local party" not in response.content.decode()


def test_coordinator_opens_the_request_and_the_read_is_logged(setup, client_for):
    record, people = setup
    alice = client_for(people["alice"])
    assert record in alice.get(reverse("advice:list")).context["records"]
    response = alice.get(reverse("advice:detail", args=[record.pk]))
    assert response.status_code == 200
    assert "Invented: may I join the board" in response.content.decode()
    event = AuditEvent.objects.get(action="advice.viewed")
    assert (event.actor_id, event.object_id, event.details) == (people["alice"].pk, str(record.pk), {})
