"""Who a user is for access decisions (``access.roles``), as rules: without the database
except for the one rule that is a query (who counts as content staff of an organisation).

``make mutation`` runs these against every mutant of ``access/roles.py``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from open_integriteit.access import roles
from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import CONTENT_ROLES, Role, User
from open_integriteit.testing.fixtures import make_user

EVERY_ROLE = set(Role.values)
CONTENT = {Role.COORDINATOR, Role.CONFIDENTIAL_ADVISER, Role.CASE_PRINCIPAL, Role.INVESTIGATOR, Role.MANAGER}


def member(*held: str, organisation_id: int | None = 1, active: bool = True) -> User:
    """An (unsaved) account of an organisation with these roles."""
    user = User(username="someone", organisation_id=organisation_id, is_active=active)
    user.role_set = frozenset(held)  # what the role assignments would say
    return user


def test_content_roles_are_the_five_that_handle_reports_and_cases():
    assert CONTENT_ROLES == CONTENT


def test_staff_is_a_logged_in_active_member_of_an_organisation():
    assert roles.is_staff(member())
    assert roles.is_staff(member(Role.EMPLOYEE))
    assert not roles.is_staff(None)
    assert not roles.is_staff(AnonymousUser())
    assert not roles.is_staff(member(Role.COORDINATOR, active=False))
    assert not roles.is_staff(member(Role.COORDINATOR, organisation_id=None))


def test_an_object_that_does_not_say_it_is_logged_in_is_no_staff():
    class Stranger:
        is_active = True
        organisation_id = 1

    assert not roles.is_staff(Stranger())


def test_in_organisation_means_staff_of_that_very_organisation():
    assert roles.in_organisation(member(organisation_id=1), 1)
    assert not roles.in_organisation(member(organisation_id=1), 2)
    assert not roles.in_organisation(member(organisation_id=1), None)
    assert not roles.in_organisation(member(organisation_id=1, active=False), 1)
    assert not roles.in_organisation(AnonymousUser(), None)


@pytest.mark.parametrize("role", sorted(EVERY_ROLE))
def test_a_members_roles_count_as_held(role):
    assert roles.roles_of(member(role)) == {role}
    assert roles.holds(member(role), role)
    assert roles.holds(member(role), Role.EMPLOYEE, role)
    assert not roles.holds(member(role), *(EVERY_ROLE - {role}))
    assert not roles.holds(member(role))


def test_roles_do_not_count_for_someone_who_is_no_staff():
    assert roles.roles_of(member(Role.COORDINATOR, active=False)) == frozenset()
    assert roles.roles_of(member(Role.COORDINATOR, organisation_id=None)) == frozenset()
    assert roles.roles_of(AnonymousUser()) == frozenset()
    assert roles.roles_of(None) == frozenset()
    assert not roles.holds(member(Role.COORDINATOR, active=False), Role.COORDINATOR)


def test_an_administrators_content_roles_do_not_count():
    everything = member(*EVERY_ROLE)
    assert roles.roles_of(everything) == {Role.ADMINISTRATOR, Role.EMPLOYEE, Role.AUDITOR}
    assert roles.roles_of(member(Role.ADMINISTRATOR, Role.COORDINATOR)) == {Role.ADMINISTRATOR}
    assert roles.is_administrator(everything)
    assert not roles.is_coordinator(everything)
    assert not roles.is_content_staff(everything)
    # Without the administrator role the same roles all count.
    assert roles.roles_of(member(*(EVERY_ROLE - {Role.ADMINISTRATOR}))) == EVERY_ROLE - {Role.ADMINISTRATOR}


@pytest.mark.parametrize("role", sorted(EVERY_ROLE))
def test_who_is_content_staff_coordinator_administrator_or_auditor(role):
    user = member(role)
    assert roles.is_content_staff(user) == (role in CONTENT)
    assert roles.is_coordinator(user) == (role == Role.COORDINATOR)
    assert roles.is_administrator(user) == (role == Role.ADMINISTRATOR)
    assert roles.is_auditor(user) == (role == Role.AUDITOR)
    outsider = member(role, active=False)
    assert not any(
        check(outsider)
        for check in (roles.is_content_staff, roles.is_coordinator, roles.is_administrator, roles.is_auditor)
    )


def test_content_staff_are_asked_for_by_content_roles_only():
    with pytest.raises(ValueError, match=r"^not content roles: \['administrator', 'employee'\]$"):
        roles.content_staff_of(1, "coordinator", "employee", "administrator")


@pytest.mark.django_db
def test_content_staff_of_an_organisation_are_its_active_members_with_a_content_role(org, other_org):
    coordinator = make_user(org, "carla", Role.COORDINATOR)
    investigator = make_user(org, "ivo", Role.INVESTIGATOR)
    make_user(org, "emma", Role.EMPLOYEE)
    make_user(org, "auke", Role.AUDITOR)
    make_user(other_org, "grace", Role.COORDINATOR)
    administrator = make_user(org, "adam", Role.ADMINISTRATOR)
    account_services.role_assign(user=administrator, role=Role.COORDINATOR)
    leaver = make_user(org, "lou", Role.COORDINATOR)
    User.objects.filter(pk=leaver.pk).update(is_active=False)
    both = make_user(org, "bea", Role.CASE_PRINCIPAL)
    account_services.role_assign(user=both, role=Role.INVESTIGATOR)

    def names(users):
        return sorted(u.username for u in users)

    assert names(roles.content_staff_of(org.pk)) == ["bea", "carla", "ivo"]
    assert names(roles.content_staff_of(org.pk, Role.INVESTIGATOR)) == ["bea", "ivo"]
    assert names(roles.coordinators_of(org.pk)) == ["carla"]
    assert names(roles.coordinators_of(other_org.pk)) == ["grace"]
    assert [u.pk for u in roles.content_staff_of(org.pk, Role.INVESTIGATOR, Role.CASE_PRINCIPAL)].count(both.pk) == 1
    assert coordinator.pk and investigator.pk
