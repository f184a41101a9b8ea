"""Need-to-know on the contact log beyond who may open each page (every persona visits
every page in ``access/tests/test_need_to_know.py``): an adviser sees only their own log,
the coordinator only counts of their own organisation, and an administrator with an
adviser's role and log is still refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from open_integriteit.accounts.services import role_assign
from open_integriteit.consultations.models import Adviser, Contact, YearTotal
from open_integriteit.lists.models import ListEntry

pytestmark = pytest.mark.django_db


def adviser_views(setup):
    contact = setup.contact
    yield "get", reverse("consultations:contact_list")
    yield "post", reverse("consultations:contact_list")
    yield "get", reverse("consultations:year_totals")
    yield "post", reverse("consultations:year_totals")
    yield from contact_views(contact)


def contact_views(contact):
    yield "get", reverse("consultations:contact_edit", args=[contact.pk])
    yield "post", reverse("consultations:contact_edit", args=[contact.pk])
    yield "get", reverse("consultations:contact_delete", args=[contact.pk])
    yield "post", reverse("consultations:contact_delete", args=[contact.pk])


def assert_unchanged(setup):
    contact = Contact.objects.get(pk=setup.contact.pk)
    assert (contact.date, contact.conversations) == (setup.contact.date, 3)
    assert ListEntry.objects.get(pk=setup.topics["onveiligheid"].pk).active
    assert not ListEntry.objects.filter(name_nl="Nieuw").exists()
    assert Adviser.objects.get(pk=setup.internal.pk).display_name == "Vertrouwenspersoon intern"
    assert not Adviser.objects.filter(display_name="Invented").exists()


def test_one_adviser_cannot_read_or_change_another_advisers_log(log_setup, client_for):
    vince = client_for(log_setup.people["vince"])
    for method, url in contact_views(log_setup.contact):
        assert getattr(vince, method)(url).status_code == 404, (method, url)
    page = vince.get(reverse("consultations:contact_list"), {"year": 2025}).content.decode()
    assert "2025-03-17" not in page and "17 mrt" not in page and "17 Mar" not in page
    assert list(vince.get(reverse("consultations:contact_list"), {"year": 2025}).context["contacts"]) == []
    assert_unchanged(log_setup)


def test_each_adviser_opens_only_their_own_log(log_setup, client_for):
    carol = client_for(log_setup.people["carol"])
    response = carol.get(reverse("consultations:contact_list"), {"year": 2025})
    assert response.status_code == 200
    assert list(response.context["contacts"]) == [log_setup.contact]
    assert carol.get(reverse("consultations:contact_edit", args=[log_setup.contact.pk])).status_code == 200
    # The internal adviser logs contact by contact; year totals are for external services.
    assert carol.get(reverse("consultations:year_totals")).status_code == 404
    assert client_for(log_setup.people["vince"]).get(reverse("consultations:year_totals")).status_code == 200


def test_coordinator_of_another_organisation_sees_nothing_of_ours(log_setup, client_for):
    grace = client_for(log_setup.people["grace"])
    edit = reverse("consultations:adviser_edit", args=[log_setup.internal.pk])
    assert grace.get(edit).status_code == 404
    assert grace.post(edit, {"display_name": "Renamed"}).status_code == 404
    topic = log_setup.topics["onveiligheid"]
    response = grace.post(reverse("consultations:topics"), {"action": "deactivate", "entry": topic.pk})
    assert response.status_code == 404
    # Her overview and lists are of her own organisation only.
    overview = grace.get(reverse("consultations:overview"), {"year": 2025})
    assert sum(row.contacts for row in overview.context["counts"]) == 0
    assert {row.topic.organisation_id for row in overview.context["counts"]} == {
        log_setup.people["grace"].organisation_id
    }
    assert list(grace.get(reverse("consultations:advisers")).context["advisers"]) == []
    assert_unchanged(log_setup)


def test_administrator_with_an_adviser_role_and_a_log_is_still_refused(log_setup, client_for):
    erin = log_setup.people["erin"]
    role_assign(user=erin, role="confidential_adviser")
    Adviser.objects.filter(pk=log_setup.external.pk).update(user=erin)
    client = client_for(erin)
    for method, url in adviser_views(log_setup):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_a_switched_off_adviser_no_longer_opens_the_log(log_setup, client_for):
    Adviser.objects.filter(pk=log_setup.internal.pk).update(active=False)
    carol = client_for(log_setup.people["carol"])
    assert carol.get(reverse("consultations:contact_list")).status_code == 404
    assert carol.get(reverse("consultations:contact_edit", args=[log_setup.contact.pk])).status_code == 404


def test_year_totals_of_one_service_are_invisible_to_another_adviser(log_setup, client_for):
    YearTotal.objects.create(
        organisation=log_setup.external.organisation,
        adviser=log_setup.external,
        year=2024,
        topic=log_setup.topics["arbeidsconflict"],
        contacts=7,
        conversations=9,
    )
    carol_counts = client_for(log_setup.people["carol"]).get(reverse("consultations:contact_list"), {"year": 2024})
    assert sum(row.contacts for row in carol_counts.context["counts"]) == 0
