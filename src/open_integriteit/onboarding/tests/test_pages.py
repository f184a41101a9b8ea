"""The pages, as the register clerk, the coordinator and a manager use them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.onboarding.models import Ceremony, Participant
from open_integriteit.testing.fixtures import login

pytestmark = pytest.mark.django_db

CEREMONY = {
    "held_on": "2026-05-20",
    "place": "Statenzaal",
    "form": "physical",
    "administered_by": "Invented Secretary",
    "group": "employee",
}


def test_rita_records_a_ceremony_finds_people_and_chooses_oath_or_affirmation(register, staff):
    rita = login(Client(), staff["rita"])
    response = rita.post(reverse("onboarding:ceremony_create"), CEREMONY)
    ceremony = Ceremony.objects.get()
    assert response["Location"] == reverse("onboarding:ceremony", args=[ceremony.pk])
    page = rita.get(reverse("onboarding:ceremony", args=[ceremony.pk]), {"q": "bakker"}).content.decode()
    assert "Youssef Bakker (1004)" in page and "Sanne" not in page
    by_number = rita.get(reverse("onboarding:ceremony", args=[ceremony.pk]), {"q": "100"}).content.decode()
    assert "Sanne de Wit (1003)" in by_number
    url = reverse("onboarding:participants_add", args=[ceremony.pk])
    assert rita.post(url, {"people": [register["1004"].pk, register["1003"].pk]}).status_code == 302
    youssef, sanne = (Participant.objects.get(person=register[n]) for n in ("1004", "1003"))
    assert youssef.pledge == sanne.pledge == ""  # the choice starts empty
    page = rita.get(reverse("onboarding:ceremony", args=[ceremony.pk])).content.decode()
    assert '<option value="" selected>' in page
    rita.post(
        reverse("onboarding:pledges", args=[ceremony.pk]),
        {f"pledge_{youssef.pk}": "oath", f"pledge_{sanne.pk}": "affirmation"},
    )
    youssef.refresh_from_db()
    sanne.refresh_from_db()
    assert (youssef.pledge, sanne.pledge) == ("oath", "affirmation")
    rita.post(reverse("onboarding:participant_remove", args=[ceremony.pk, sanne.pk]))
    assert list(ceremony.participants.values_list("person__external_id", flat=True)) == ["1004"]
    listing = rita.get(reverse("onboarding:ceremonies")).content.decode()
    assert "Statenzaal" in listing


def test_a_partner_organisations_ceremony_takes_counts_not_people(register, staff):
    alice = login(Client(), staff["alice"])
    missing = alice.post(reverse("onboarding:ceremony_create"), {**CEREMONY, "group": "partner"})
    assert missing.status_code == 200 and "naam van de partnerorganisatie" in missing.content.decode()
    alice.post(
        reverse("onboarding:ceremony_create"),
        {**CEREMONY, "group": "partner", "partner_name": "Omgevingsdienst", "partner_oaths": "3"},
    )
    ceremony = Ceremony.objects.get()
    response = alice.post(reverse("onboarding:participants_add", args=[ceremony.pk]), {"people": [register["1004"].pk]})
    assert response.status_code == 200 and not ceremony.participants.exists()


def test_the_person_page_is_audited_and_records_statements(register, staff):
    rita = login(Client(), staff["rita"])
    person = register["1003"]
    rita.get(reverse("onboarding:person", args=[person.pk]))
    assert AuditEvent.objects.filter(action="onboarding.person_viewed", object_id=str(person.pk)).count() == 1
    rita.post(
        reverse("onboarding:statement_add", args=[person.pk]),
        {"kind": "hired", "signed_on": "2026-01-05", "version": "2024-1"},
    )
    assert "2024-1" in rita.get(reverse("onboarding:person", args=[person.pk])).content.decode()
    refused = rita.post(
        reverse("onboarding:certificate_add", args=[person.pk]), {"received": "on", "screening_profile": "45"}
    )
    assert refused.status_code == 200 and "Vul de datum van ontvangst in." in refused.content.decode()


def test_dave_reads_the_overdue_list_of_his_units_only_and_cannot_record(register, staff):
    dave = login(Client(), staff["dave"])
    page = dave.get(reverse("onboarding:overdue")).content.decode()
    assert "Bram Aksoy" in page and "Ilse" not in page  # OMG is his, DIR is not
    assert reverse("onboarding:ceremonies") not in page
    assert dave.get(reverse("onboarding:person", args=[register["1002"].pk])).status_code == 404
    assert dave.post(reverse("onboarding:ceremony_create"), CEREMONY).status_code == 404


def test_administrator_auditor_and_other_organisation_see_nothing(register, staff):
    for name in ("erin", "frank", "grace", "mila"):
        client = login(Client(), staff[name])
        assert client.get(reverse("onboarding:person", args=[register["1002"].pk])).status_code == 404, name
    for name in ("erin", "frank", "mila"):
        client = login(Client(), staff[name])
        assert client.get(reverse("onboarding:overdue")).status_code == 404, name


def test_the_statements_and_certificates_of_the_organisation_are_listed_and_a_person_is_found(register, staff):
    from open_integriteit.onboarding import services

    rita = staff["rita"]
    services.statement_record(
        person=register["1003"], by=rita, kind="hired", signed_on=dt.date(2026, 1, 5), version="2024-1"
    )
    services.certificate_record(
        person=register["1005"], by=rita, received=True, received_on=dt.date(2026, 2, 1), screening_profile="45"
    )
    client = login(Client(), staff["alice"])
    statements = client.get(reverse("onboarding:records")).content.decode()
    assert "Sanne de Wit" in statements and "2024-1" in statements and "Emma" not in statements
    certificates = client.get(reverse("onboarding:records"), {"show": "certificates"}).content.decode()
    assert "Emma Jansen" in certificates and "Sanne" not in certificates
    found = client.get(reverse("onboarding:records"), {"q": "wit"}).content.decode()
    assert reverse("onboarding:person", args=[register["1003"].pk]) in found
