"""The overview of a shared service (issue 10): counts only, per organisation it serves and
per year, for its coordinators; small counts hidden, and every total that could give one away."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from open_integriteit.accounts.models import Role
from open_integriteit.annual_reports import shared_service
from open_integriteit.audit.models import AuditEvent
from open_integriteit.organisations import services as organisation_services
from open_integriteit.organisations.models import OrganisationKind, ServedOrganisation
from open_integriteit.organisations.selectors import served_organisations
from open_integriteit.organisations.services import organisation_create
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("annual_reports:shared_overview")
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def service(db):
    return organisation_create(
        name="Regionale Dienst Testland", slug="regionale-dienst-testland", kind=OrganisationKind.SHARED_SERVICE
    )


@pytest.fixture
def sam(service):
    """The coordinator of the shared service."""
    return make_user(service, "sam", Role.COORDINATOR)


@pytest.fixture
def served(service, org, other_org, personas):
    """The service serves both organisations; each one's administrator recorded it."""
    other_admin = make_user(other_org, "olaf", Role.ADMINISTRATOR)
    organisation_services.served_organisation_add(organisation=org, shared_service=service, by=personas["erin"])
    organisation_services.served_organisation_add(
        organisation=other_org, shared_service=service, since=dt.date(THIS_YEAR, 3, 1), by=other_admin
    )
    return service


def _reports(make_report, organisation, n):
    for _ in range(n):
        make_report(organisation=organisation)


def _table(service, key, years):
    links = list(served_organisations(shared_service_id=service.pk))
    return next(t for t in shared_service.tables(links=links, years=years) if t.key == key)


def test_a_small_count_is_shown_as_below_the_threshold_and_every_total_over_it_is_hidden(
    served, org, other_org, make_report
):
    _reports(make_report, org, 6)
    _reports(make_report, other_org, 2)
    table = _table(served, "reports.reports", [THIS_YEAR - 1, THIS_YEAR])
    by_name = {line.label: line for line in table.lines}
    elders, testland = by_name[other_org.name], by_name[org.name]
    assert [c.text for c in testland.cells] == ["0", "6"] and testland.total.text == "6"
    # Gemeente Elders was served from March this year: last year is empty, this year's 2 hidden.
    assert [c.text for c in elders.cells] == ["—", "< 5"]
    assert elders.total.text == "< 5"  # its total is the 2: never shown as a number
    # This year's total (8) minus Testland's 6 would give it away too; so would the grand total.
    assert [c.text for c in table.totals] == ["0", "verborgen", "verborgen"]


def test_without_small_counts_every_total_is_shown(served, org, other_org, make_report):
    _reports(make_report, org, 5)
    _reports(make_report, other_org, 7)
    table = _table(served, "reports.reports", [THIS_YEAR])
    assert [c.text for c in table.totals] == ["12", "12"]


def test_the_coordinator_of_the_shared_service_sees_the_counts_and_reading_them_is_logged(
    served, sam, org, other_org, make_report, client_for
):
    _reports(make_report, other_org, 1)
    response = client_for(sam).get(OVERVIEW)
    assert response.status_code == 200
    body = response.content.decode()
    assert org.name in body and other_org.name in body
    assert "&lt; 5" in body
    assert "supplier always wins" not in body  # never content
    for year in range(THIS_YEAR - 2, THIS_YEAR + 1):  # the last three years by default
        assert f">{year}<" in body
    assert AuditEvent.objects.filter(action="annual_reports.shared_overview_viewed", actor_id=sam.pk).exists()


def test_a_chosen_year_range_is_shown_and_a_backwards_one_is_refused_with_a_message(served, sam, client_for):
    client = client_for(sam)
    body = client.get(OVERVIEW, {"first_year": "2020", "last_year": "2021"}).content.decode()
    assert ">2020<" in body and ">2021<" in body and f">{THIS_YEAR}<" not in body
    refused = client.get(OVERVIEW, {"first_year": "2021", "last_year": "2020"}).content.decode()
    assert "Het laatste jaar kan niet vóór het eerste jaar liggen." in refused
    assert f">{THIS_YEAR}<" in refused  # the default years, said so


@pytest.mark.parametrize("persona", ["alice", "grace", "erin", "mila"])
def test_the_served_organisations_users_do_not_see_the_overview(served, personas, client_for, persona):
    assert client_for(personas[persona]).get(OVERVIEW).status_code == 404


def test_the_administrator_of_the_shared_service_does_not_see_the_counts(served, client_for):
    assert client_for(make_user(served, "adam", Role.ADMINISTRATOR)).get(OVERVIEW).status_code == 404


def test_only_a_shared_service_serves_and_never_itself_or_twice(service, org, other_org, personas):
    erin = personas["erin"]
    with pytest.raises(ValidationError) as not_shared:
        organisation_services.served_organisation_add(organisation=org, shared_service=other_org, by=erin)
    assert "shared_service" in not_shared.value.message_dict
    organisation_services.served_organisation_add(organisation=org, shared_service=service, by=erin)
    with pytest.raises(ValidationError):
        organisation_services.served_organisation_add(organisation=org, shared_service=service, by=erin)
    link = ServedOrganisation(organisation=service, shared_service=service)
    with pytest.raises(ValidationError):
        link.full_clean()
    with pytest.raises(ValidationError) as backwards:
        organisation_services.served_organisation_add(
            organisation=other_org,
            shared_service=service,
            since=dt.date(2025, 5, 1),
            until=dt.date(2024, 1, 1),
            by=make_user(other_org, "olaf", Role.ADMINISTRATOR),
        )
    assert "until" in backwards.value.message_dict


def test_only_the_served_organisations_administrator_records_it(service, org, personas):
    for persona in ("alice", "grace"):
        with pytest.raises(PermissionDenied):
            organisation_services.served_organisation_add(
                organisation=org, shared_service=service, by=personas[persona]
            )
    assert not ServedOrganisation.objects.exists()


def test_the_administrator_adds_and_removes_a_shared_service_on_the_settings_page(service, org, personas, client_for):
    client = client_for(personas["erin"])
    page = reverse("organisations:shared_services")
    assert client.get(page).status_code == 200
    added = client.post(page, {"shared_service": service.pk, "since": "2024-01-01", "until": ""})
    assert added.status_code == 302
    link = ServedOrganisation.objects.get(organisation=org)
    assert link.since == dt.date(2024, 1, 1)
    removed = client.post(reverse("organisations:shared_service_remove", args=[link.pk]))
    assert removed.status_code == 302
    assert not ServedOrganisation.objects.exists()
    assert AuditEvent.objects.filter(action="organisation.shared_service_removed").exists()
