"""Gifts above the threshold are handed in and the register clerk records where they go;
the register settings are the clerk's and the coordinator's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.declarations import decisions
from open_integriteit.declarations.models import Declaration, GiftDestination, Kind, RegisterSettings
from open_integriteit.declarations.services import declaration_transition

from .decision_fixtures import DecideWorld, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org: Any, personas: Any) -> DecideWorld:
    return build(org, personas)


def _gift(w: DecideWorld, value: str, **fields: Any) -> Declaration:
    values: dict[str, Any] = {
        "giver": "Invented Supplier",
        "occasion": "New year",
        "estimated_value": Decimal(value),
        "received_on": dt.date(2025, 1, 10),
        "accepted": True,
        **fields,
    }
    return w.submitted(kind=Kind.GIFT, **values)


def test_a_gift_above_the_threshold_waits_and_the_clerk_records_its_destination(
    w: DecideWorld, client_for: Any
) -> None:
    gift = _gift(w, "120")
    rita = client_for(w.people["rita"])
    listing = rita.get(reverse("declarations:gifts")).content.decode()
    url = reverse("declarations:gift_destination", args=[gift.pk])
    assert url in listing and "Sanne de Wit" in listing
    form = rita.get(url).content.decode()
    assert '<option value="" selected>Kies…</option>' in form  # the destination starts empty
    response = rita.post(url, {"handed_in_on": "2025-01-15", "destination": "charity", "note": "Invented food bank"})
    assert response.status_code == 302 and response["Location"] == reverse("declarations:gifts")
    gift.refresh_from_db()
    assert (gift.handed_in_on, gift.destination) == (dt.date(2025, 1, 15), GiftDestination.CHARITY)
    assert gift.destination_note == "Invented food bank" and gift.destination_recorded_by == w.people["rita"]
    assert url not in rita.get(reverse("declarations:gifts")).content.decode()
    event = AuditEvent.objects.get(action="declarations.gift_destination_recorded")
    assert event.details == {"destination": "charity", "correction": False}
    # The decision page shows it to the decider and the declaration keeps its state.
    page = client_for(w.people["dave"]).get(reverse("declarations:decide", args=[gift.pk])).content.decode()
    assert "Geschonken aan een goed doel" in page and "Invented food bank" in page


def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(w: DecideWorld, client_for: Any) -> None:
    gift = _gift(w, "120")
    url = reverse("declarations:gift_destination", args=[gift.pk])
    rita = client_for(w.people["rita"])
    page = rita.post(url, {"handed_in_on": "2025-01-05", "destination": "", "note": "Invented note"}).content.decode()
    assert "Kies waar het geschenk naartoe gaat." in page and "Invented note" in page
    page = rita.post(url, {"handed_in_on": "2025-01-05", "destination": "kept", "note": "Invented note"})
    text = page.content.decode()
    assert "Het geschenk kan niet zijn ingeleverd voordat het werd ontvangen." in text and "Invented note" in text
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    text = rita.post(url, {"handed_in_on": future, "destination": "kept"}).content.decode()
    assert "De datum kan niet in de toekomst liggen." in text
    gift.refresh_from_db()
    assert gift.destination == "" and gift.handed_in_on is None


@pytest.mark.parametrize(
    "fields",
    [
        {"value": "50"},  # at the threshold, not above it
        {"value": "120", "accepted": False},  # refused by the declarant: nothing to hand in
        {"value": "120", "is_invitation": True},
    ],
)
def test_what_does_not_have_to_be_handed_in_is_not_listed(w: DecideWorld, client_for: Any, fields: Any) -> None:
    value = fields.pop("value")
    gift = _gift(w, value, **fields)
    rita = client_for(w.people["rita"])
    assert (
        reverse("declarations:gift_destination", args=[gift.pk])
        not in rita.get(reverse("declarations:gifts")).content.decode()
    )
    assert rita.get(reverse("declarations:gift_destination", args=[gift.pk])).status_code == 404
    with pytest.raises(ValidationError):
        decisions.gift_record_destination(
            declaration=gift, by=w.people["rita"], handed_in_on=dt.date(2025, 1, 15), destination="kept"
        )


def test_a_withdrawn_gift_is_not_handed_in_and_the_threshold_is_the_organisations(
    w: DecideWorld, client_for: Any
) -> None:
    withdrawn = _gift(w, "120")
    declaration_transition(declaration=withdrawn, name="withdraw", by=w.people["mila"])
    cheap = _gift(w, "40")
    RegisterSettings.objects.update_or_create(organisation=w.org, defaults={"gift_threshold": Decimal("25")})
    listing = client_for(w.people["rita"]).get(reverse("declarations:gifts")).content.decode()
    assert reverse("declarations:gift_destination", args=[cheap.pk]) in listing
    assert reverse("declarations:gift_destination", args=[withdrawn.pk]) not in listing


@pytest.mark.parametrize("name", ["dave", "alice", "mila", "grace", "erin"])
def test_only_the_register_clerk_records_a_destination(w: DecideWorld, client_for: Any, name: str) -> None:
    gift = _gift(w, "120")
    client = client_for(w.people[name])
    assert client.get(reverse("declarations:gifts")).status_code == 404
    url = reverse("declarations:gift_destination", args=[gift.pk])
    assert client.post(url, {"handed_in_on": "2025-01-15", "destination": "kept"}).status_code == 404
    with pytest.raises(PermissionDenied):
        decisions.gift_record_destination(
            declaration=gift, by=w.people[name], handed_in_on=dt.date(2025, 1, 15), destination="kept"
        )
    assert Declaration.objects.get(pk=gift.pk).destination == ""


# --- Register settings -------------------------------------------------------------------------

SETTINGS = {
    "gift_threshold": "75",
    "decision_reminder_days": "7",
    "decision_escalation_days": "21",
    "publication_history_months": "24",
}


def test_the_clerk_sets_the_threshold_the_days_and_who_decides_for_officials(w: DecideWorld, client_for: Any) -> None:
    rita = client_for(w.people["rita"])
    url = reverse("declarations:settings")
    page = rita.get(url).content.decode()
    assert "Ilse van den Heuvel (1001)" in page
    assert "Pieter Zwart" not in page and "Youssef" not in page  # only people with an account decide
    data = {**SETTINGS, "council_clerk": str(w.persons["1001"].pk), "executive_secretary": str(w.persons["1005"].pk)}
    response = rita.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    saved = RegisterSettings.objects.get(organisation=w.org)
    assert saved.gift_threshold == Decimal("75") and saved.decision_reminder_days == 7
    assert saved.decision_escalation_days == 21 and saved.publication_history_months == 24
    assert saved.council_clerk == w.persons["1001"] and saved.executive_secretary == w.persons["1005"]
    event = AuditEvent.objects.get(action="declarations.settings_changed")
    assert event.details["gift_threshold"] is True and event.details["council_clerk"] is True


def test_the_settings_refuse_what_makes_no_sense_and_keep_what_was_typed(w: DecideWorld, client_for: Any) -> None:
    url = reverse("declarations:settings")
    alice = client_for(w.people["alice"])
    page = alice.post(url, {**SETTINGS, "decision_escalation_days": "5"}).content.decode()
    assert "Laat de coördinatoren later bericht krijgen dan de herinnering." in page and 'value="75"' in page
    without_account = w.persons["9001"]
    page = alice.post(url, {**SETTINGS, "council_clerk": str(without_account.pk)}).content.decode()
    assert "council_clerk_error" in page
    assert not RegisterSettings.objects.filter(organisation=w.org, gift_threshold=Decimal("75")).exists()


@pytest.mark.parametrize("name", ["dave", "mila", "erin", "bob"])
def test_only_the_clerk_and_the_coordinator_change_the_settings(w: DecideWorld, client_for: Any, name: str) -> None:
    client = client_for(w.people[name])
    assert client.get(reverse("declarations:settings")).status_code == 404
    assert client.post(reverse("declarations:settings"), SETTINGS).status_code == 404
    with pytest.raises(PermissionDenied):
        decisions.register_settings_update(
            organisation_id=w.org.pk,
            by=w.people[name],
            gift_threshold=Decimal("1"),
            decision_reminder_days=1,
            decision_escalation_days=2,
            publication_history_months=1,
            council_clerk=None,
            executive_secretary=None,
        )


def test_a_coordinator_of_another_organisation_cannot_name_our_people(w: DecideWorld, client_for: Any) -> None:
    grace = client_for(w.people["grace"])
    response = grace.post(reverse("declarations:settings"), {**SETTINGS, "council_clerk": str(w.persons["1001"].pk)})
    assert response.status_code == 200 and "council_clerk_error" in response.content.decode()
    with pytest.raises(ValidationError):
        decisions.register_settings_update(
            organisation_id=w.people["grace"].organisation_id,
            by=w.people["grace"],
            gift_threshold=Decimal("50"),
            decision_reminder_days=14,
            decision_escalation_days=28,
            publication_history_months=12,
            council_clerk=w.persons["1001"],
            executive_secretary=None,
        )
