"""The register plugs into the shared mechanisms: its names are known to the anonymity check,
and a leaver is removed after the retention period (default 24 months, per organisation)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.core.anonymity import AnonymityCheck
from open_integriteit.people import retention
from open_integriteit.people.models import Person, Unit
from open_integriteit.people.services import people_import
from open_integriteit.retention.models import RetentionPeriod
from open_integriteit.testing.fixtures import make_user

from .files import ROWS, as_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(org):
    return make_user(org, "rita", Role.REGISTER_CLERK)


def test_the_names_in_the_register_are_known_to_the_anonymity_check(org, other_org, clerk):
    people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv(), dry_run=False)
    assert AnonymityCheck.for_organisation(org.pk).problems("Een gesprek met Aksoy over een geschenk.")
    assert not AnonymityCheck.for_organisation(other_org.pk).problems("Een gesprek met Aksoy over een geschenk.")


def test_a_leaver_is_removed_after_the_retention_period(org, clerk):
    left_on = dt.date(2024, 1, 31)
    people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv(), dry_run=False, today=left_on)
    people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv(ROWS[:5]), dry_run=False, today=left_on)
    leaver = Person.objects.get(organisation=org, external_id="9001")
    assert leaver.left_on == left_on
    end = retention.retention_ends(leaver)
    assert end is not None and timezone.localtime(end).date() == dt.date(2026, 1, 31)
    assert not retention.destroy_if_due(leaver, end - dt.timedelta(days=1))
    RetentionPeriod.objects.create(organisation=org, key="people.leaver", months=36)
    assert not retention.destroy_if_due(leaver, end + dt.timedelta(days=1))  # the organisation keeps 36 months
    assert retention.destroy_if_due(leaver, end + dt.timedelta(days=366))
    assert not Person.objects.filter(pk=leaver.pk).exists()
    assert Unit.objects.filter(organisation=org).count() == 4  # units and posts stay
    event = AuditEvent.objects.get(action="people.destroyed")
    assert event.details == {"person": leaver.pk}
    # People in service are never pending.
    assert retention.retention_ends(Person.objects.get(external_id="1001")) is None
