"""Who is asked to decide for an employee: the managers of the nearest unit at or above their
post that has a manager who counts (``access.managers.ManagerTree``) — the same walk the oath
and training reminders use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from open_integriteit.access.declarations import deciders_of
from open_integriteit.access.managers import ManagerTree
from open_integriteit.access.onboarding import managers_to_remind
from open_integriteit.accounts.models import Role, RoleAssignment

from .decision_fixtures import DecideWorld, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org: Any, personas: Any) -> DecideWorld:
    return build(org, personas)


def names(users: Any) -> set[str]:
    return {user.username for user in users}


def test_the_manager_of_the_nearest_managed_unit_decides_and_nobody_decides_for_themselves(w: DecideWorld) -> None:
    assert names(deciders_of(w.persons["1003"])) == {"dave"}
    # dave's own unit is OMG, which he manages: he is passed over, the unit above decides.
    assert names(deciders_of(w.persons["1002"])) == {"ilse"}
    assert names(managers_to_remind(w.persons["1003"])) == {"dave"}


def test_a_manager_who_left_or_is_an_administrator_is_passed_over_for_the_unit_above(w: DecideWorld) -> None:
    dave = w.people["dave"]
    RoleAssignment.objects.create(user=dave, role=Role.ADMINISTRATOR, approved_at=timezone.now())
    assert names(deciders_of(w.persons["1003"])) == {"ilse"}
    RoleAssignment.objects.filter(user=dave, role=Role.ADMINISTRATOR).delete()
    w.persons["1002"].left_on = timezone.localdate() - dt.timedelta(days=1)
    w.persons["1002"].save(update_fields=["left_on"])
    assert names(deciders_of(w.persons["1003"])) == {"ilse"}


def test_one_tree_answers_for_a_whole_organisation_in_two_queries(
    w: DecideWorld, django_assert_num_queries: Any
) -> None:
    units = {
        external_id: person.holdings.get(ended_on__isnull=True).post.unit_id
        for external_id, person in w.persons.items()
        if external_id in ("1002", "1003", "1005")
    }
    with django_assert_num_queries(2):
        tree = ManagerTree(w.org.pk, on=timezone.localdate())
    with django_assert_num_queries(0):
        found = {key: tree.nearest(unit, person_id=w.persons[key].pk) for key, unit in units.items()}
    assert found["1003"] == {w.people["dave"].pk}
    assert found["1002"] == {w.people["ilse"].pk}
