"""Advice requests are for the coordinators of the organisation: every view refuses everyone
else with 404 — the administrator, the confidential adviser and other organisations too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from open_integriteit.accounts.models import User
from open_integriteit.advice import services
from open_integriteit.advice.models import AdviceRequest
from open_integriteit.audit.models import AuditEvent
from open_integriteit.lists.models import ListEntry

pytestmark = pytest.mark.django_db

REFUSED = ["outsider", "grace", "carol", "bob", "dave", "erin", "frank", "mila"]


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


def advice_views(record):
    yield "get", reverse("advice:list")
    yield "get", reverse("advice:register")
    yield "post", reverse("advice:register")
    yield "get", reverse("advice:detail", args=[record.pk])
    yield "get", reverse("advice:edit", args=[record.pk])
    yield "post", reverse("advice:edit", args=[record.pk])
    yield "get", reverse("advice:topics")
    yield "post", reverse("advice:topics")


@pytest.mark.parametrize("who", [w for w in REFUSED if w != "grace"])
def test_advice_views_refuse_everyone_but_the_coordinator(setup, client_for, who):
    record, people = setup
    client = client_for(people[who])
    for method, url in advice_views(record):
        data = {"question": "changed", "action": "add", "name_nl": "Nieuw"} if method == "post" else None
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (who, method, url, response.status_code)
    assert not ListEntry.objects.filter(name_nl="Nieuw").exists()
    assert AdviceRequest.objects.count() == 1
    assert AdviceRequest.objects.get().question == "Invented: may I join the board of a local party?"
    assert not AuditEvent.objects.filter(action="advice.viewed").exists()


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


def test_anonymous_visitor_is_sent_to_login(setup, client):
    record, _people = setup
    for _method, url in advice_views(record):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
