"""Topics and advisers are configured by the coordinator: defaults for every new organisation,
own topics, switching off; advisers linked to one account each; the demo data loads."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.consultations import services
from open_integriteit.consultations.demo import CONTACTS_PER_YEAR, load_demo_consultations
from open_integriteit.consultations.models import Adviser, Contact, YearTotal
from open_integriteit.consultations.selectors import consultation_counts
from open_integriteit.consultations.topics import TOPICS
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries
from open_integriteit.lists.services import list_seed_defaults
from open_integriteit.organisations.services import organisation_create
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


def test_a_new_organisation_gets_the_five_default_topics(db):
    organisation = organisation_create(name="Waterschap Invented", slug="waterschap-invented", kind="water_authority")
    topics = list(entries(organisation=organisation, kind=TOPICS.code))
    assert [t.name_nl for t in topics] == [
        "Ongewenste omgangsvormen",
        "Zakelijke integriteit",
        "(Dreigend) arbeidsconflict",
        "Onveiligheid",
        "Advies algemeen",
    ]
    assert all(t.active and t.name_en for t in topics)
    list_seed_defaults(organisation=organisation)  # idempotent
    assert entries(organisation=organisation, kind=TOPICS.code).count() == 5


def test_coordinator_adds_a_topic_that_advisers_can_then_choose(log_setup, client_for):
    alice = client_for(log_setup.people["alice"])
    response = alice.post(
        reverse("consultations:topics"), {"action": "add", "name_nl": "Discriminatie", "name_en": "Discrimination"}
    )
    assert response.status_code == 302
    topic = ListEntry.objects.get(name_nl="Discriminatie")
    assert topic.position > max(t.position for t in log_setup.topics.values())
    assert AuditEvent.objects.filter(action="list_entry.created", object_id=str(topic.pk)).exists()
    form = client_for(log_setup.people["carol"]).get(reverse("consultations:contact_list")).context["form"]
    assert topic in form.fields["topic"].queryset


def test_coordinator_switches_a_topic_off_and_on(log_setup, client_for):
    alice = client_for(log_setup.people["alice"])
    carol = client_for(log_setup.people["carol"])
    topic = log_setup.topics["advies-algemeen"]
    alice.post(reverse("consultations:topics"), {"action": "deactivate", "entry": topic.pk})
    topic.refresh_from_db()
    assert not topic.active
    assert topic not in carol.get(reverse("consultations:contact_list")).context["form"].fields["topic"].queryset
    alice.post(reverse("consultations:topics"), {"action": "activate", "entry": topic.pk})
    topic.refresh_from_db()
    assert topic.active


@pytest.mark.parametrize(
    ("data", "field"),
    [({"name_nl": ""}, "name_nl"), ({"name_nl": "onveiligheid"}, "name_nl"), ({"name_nl": "x" * 201}, "name_nl")],
)
def test_a_bad_topic_gets_a_field_error(log_setup, client_for, data, field):
    response = client_for(log_setup.people["alice"]).post(reverse("consultations:topics"), {"action": "add", **data})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert entries(organisation=log_setup.internal.organisation, kind=TOPICS.code).count() == 5


def test_coordinator_adds_an_external_service_with_its_account(log_setup, client_for, org):
    wendy = make_user(org, "wendy", Role.CONFIDENTIAL_ADVISER)
    alice = client_for(log_setup.people["alice"])
    response = alice.post(
        reverse("consultations:advisers"),
        {"kind": "external", "display_name": "Invented Regio Bureau (extern)", "user": wendy.pk},
    )
    assert response.status_code == 302
    adviser = Adviser.objects.get(display_name="Invented Regio Bureau (extern)")
    assert adviser.user == wendy and adviser.kind == "external"
    assert client_for(wendy).get(reverse("consultations:year_totals")).status_code == 200


@pytest.mark.parametrize("who", ["carol", "alice", "erin", "mila"])
def test_only_a_free_confidential_adviser_can_be_linked(log_setup, client_for, who):
    """carol keeps a log already; the coordinator, the administrator and an employee are no advisers."""
    alice = client_for(log_setup.people["alice"])
    response = alice.post(
        reverse("consultations:advisers"),
        {"kind": "internal", "display_name": "Second adviser", "user": log_setup.people[who].pk},
    )
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert not Adviser.objects.filter(display_name="Second adviser").exists()


def test_an_adviser_of_another_organisation_cannot_be_linked(log_setup, other_org):
    stranger = make_user(other_org, "stan", Role.CONFIDENTIAL_ADVISER)
    with pytest.raises(ValidationError):
        services.adviser_create(
            organisation=log_setup.internal.organisation,
            by=log_setup.people["alice"],
            kind="internal",
            display_name="Stranger",
            user=stranger,
        )


def test_coordinator_hands_a_log_to_a_new_account_and_the_old_one_loses_it(log_setup, client_for, org):
    newcomer = make_user(org, "nina", Role.CONFIDENTIAL_ADVISER)
    alice = client_for(log_setup.people["alice"])
    response = alice.post(
        reverse("consultations:adviser_edit", args=[log_setup.internal.pk]),
        {"display_name": "Vertrouwenspersoon intern", "user": newcomer.pk, "active": "on"},
    )
    assert response.status_code == 302
    assert client_for(log_setup.people["carol"]).get(reverse("consultations:contact_list")).status_code == 404
    response = client_for(newcomer).get(reverse("consultations:contact_list"), {"year": 2025})
    assert [c.pk for c in response.context["contacts"]] == [log_setup.contact.pk]
    event = AuditEvent.objects.get(action="consultation.adviser_changed")
    assert event.details["user_id"] == newcomer.pk and event.details["previous_user_id"] == log_setup.people["carol"].pk


def test_the_demo_log_loads_once_and_combines_both_advisers(org, personas):
    load_demo_consultations(organisation=org, adviser_user=personas["carol"])
    load_demo_consultations(organisation=org, adviser_user=personas["carol"])
    assert Adviser.objects.filter(organisation=org).count() == 2
    assert Contact.objects.count() == sum(CONTACTS_PER_YEAR.values())
    this_year = timezone.localdate().year
    years = {this_year - 3, this_year - 2, this_year - 1}
    assert set(YearTotal.objects.values_list("year", flat=True)) == years
    for year in sorted(years):
        rows = consultation_counts(organisation=org, year=year)
        expected = Contact.objects.filter(date__year=year).count() + sum(
            YearTotal.objects.filter(year=year).values_list("contacts", flat=True)
        )
        assert sum(r.contacts for r in rows) == expected
