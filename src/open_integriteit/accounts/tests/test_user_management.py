"""User management: four-eyes approval of content roles, deactivation, second-factor reset,
password links by mail and the forced change of a start password."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from open_integriteit.access import roles as access_roles
from open_integriteit.accounts import services
from open_integriteit.accounts.models import Role, RoleAssignment, User
from open_integriteit.audit.models import AuditEvent
from open_integriteit.testing.fixtures import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Post, and run what waits for the commit (the mail) as a real commit would."""

    def post(client: Client, url: str, data: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


# --- Four eyes -------------------------------------------------------------------------------


def test_a_content_role_from_an_administrator_alone_has_no_effect(personas):
    mila, erin = personas["mila"], personas["erin"]
    services.role_assign(user=mila, role=Role.COORDINATOR, by=erin)
    assert not access_roles.is_coordinator(_fresh(mila))
    assert mila not in access_roles.coordinators_of(mila.organisation_id)
    assert AuditEvent.objects.filter(action="account.role_proposed", actor_id=erin.pk, object_id=str(mila.pk)).exists()


def test_the_administrator_who_gave_the_role_cannot_approve_it(personas, client_for):
    mila, erin = personas["mila"], personas["erin"]
    services.role_assign(user=mila, role=Role.INVESTIGATOR, by=erin)
    assignment = RoleAssignment.objects.get(user=mila, role=Role.INVESTIGATOR)
    with pytest.raises(PermissionDenied):
        services.role_approve(assignment=assignment, by=erin)
    response = client_for(erin).post(reverse("accounts:role_decide", args=[assignment.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert _fresh(mila).role_set == {"employee"}
    assert not AuditEvent.objects.filter(action="account.role_approved").exists()


def test_a_coordinator_of_the_organisation_approves(personas, client_for):
    mila, erin, alice = personas["mila"], personas["erin"], personas["alice"]
    services.role_assign(user=mila, role=Role.INVESTIGATOR, by=erin)
    assignment = RoleAssignment.objects.get(user=mila, role=Role.INVESTIGATOR)
    page = client_for(alice).get(reverse("accounts:role_approvals")).content.decode()
    assert "Mila" in page and "Onderzoeker" in page
    response = client_for(alice).post(reverse("accounts:role_decide", args=[assignment.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert access_roles.holds(_fresh(mila), Role.INVESTIGATOR)
    event = AuditEvent.objects.get(action="account.role_approved")
    assert event.actor_id == alice.pk and event.details == {"role": "investigator", "granted_by": erin.pk}


def test_a_coordinator_of_another_organisation_sees_nothing(personas, client_for):
    services.role_assign(user=personas["mila"], role=Role.INVESTIGATOR, by=personas["erin"])
    assignment = RoleAssignment.objects.get(user=personas["mila"], role=Role.INVESTIGATOR)
    grace = client_for(personas["grace"])
    assert "Mila" not in grace.get(reverse("accounts:role_approvals")).content.decode()
    response = grace.post(reverse("accounts:role_decide", args=[assignment.pk]), {"decision": "approve"})
    assert response.status_code == 404


def test_a_second_administrator_approves(org, personas):
    mila, erin = personas["mila"], personas["erin"]
    second = make_user(org, "sam", Role.ADMINISTRATOR)
    services.role_assign(user=mila, role=Role.CASE_PRINCIPAL, by=erin)
    services.role_approve(assignment=RoleAssignment.objects.get(user=mila, role=Role.CASE_PRINCIPAL), by=second)
    assert access_roles.holds(_fresh(mila), Role.CASE_PRINCIPAL)
    assert AuditEvent.objects.filter(action="account.role_approved", actor_id=second.pk).exists()


def test_nobody_approves_a_role_given_to_themselves(org, personas):
    alice = personas["alice"]
    second = make_user(org, "sam", Role.ADMINISTRATOR)
    services.role_assign(user=second, role=Role.CONFIDENTIAL_ADVISER, by=personas["erin"])
    assignment = RoleAssignment.objects.get(user=second, role=Role.CONFIDENTIAL_ADVISER)
    with pytest.raises(PermissionDenied):
        services.role_approve(assignment=assignment, by=second)
    services.role_approve(assignment=assignment, by=alice)
    # Approved, but an administrator's content role still never counts (ADR 0003).
    assert not access_roles.is_content_staff(_fresh(second))


def test_a_refused_role_is_removed_and_audited(personas, client_for):
    mila = personas["mila"]
    services.role_assign(user=mila, role=Role.COORDINATOR, by=personas["erin"])
    assignment = RoleAssignment.objects.get(user=mila, role=Role.COORDINATOR)
    client_for(personas["alice"]).post(reverse("accounts:role_decide", args=[assignment.pk]), {"decision": "refuse"})
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.filter(action="account.role_refused", actor_id=personas["alice"].pk).exists()


def test_other_roles_from_an_administrator_count_at_once(personas):
    mila = personas["mila"]
    services.role_assign(user=mila, role=Role.AUDITOR, by=personas["erin"])
    assert access_roles.is_auditor(_fresh(mila))


# --- Deactivation and second factor -----------------------------------------------------------


def test_a_deactivated_user_cannot_log_in_and_keeps_their_name(personas, client_for):
    bob, erin = personas["bob"], personas["erin"]
    bobs_client = client_for(bob)
    client_for(erin).post(reverse("accounts:user_deactivate", args=[bob.pk]))
    assert not _fresh(bob).is_active
    assert AuditEvent.objects.filter(action="account.deactivated", actor_id=erin.pk, object_id=str(bob.pk)).exists()
    # The running session ends; a new log-in gets the usual answer.
    assert bobs_client.get(reverse("accounts:profile")).status_code == 302
    response = Client().post(reverse("accounts:login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 200 and "klopt niet" in response.content.decode()
    assert str(_fresh(bob)) == "Bob"
    client_for(erin).post(reverse("accounts:user_reactivate", args=[bob.pk]))
    assert _fresh(bob).is_active and access_roles.holds(_fresh(bob), Role.INVESTIGATOR)
    assert AuditEvent.objects.filter(action="account.reactivated", actor_id=erin.pk).exists()


def test_an_administrator_cannot_deactivate_themselves(personas, client_for):
    erin = personas["erin"]
    client_for(erin).post(reverse("accounts:user_deactivate", args=[erin.pk]))
    assert _fresh(erin).is_active


def test_after_a_second_factor_reset_the_user_links_an_app_again(personas, client_for):
    bob, erin = personas["bob"], personas["erin"]
    client_for(erin).post(reverse("accounts:user_two_factor_reset", args=[bob.pk]))
    assert AuditEvent.objects.filter(action="account.two_factor_reset", actor_id=erin.pk).exists()
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "bob", "password": PASSWORD})
    assert response["Location"] == reverse("accounts:setup_two_factor")


# --- Password links ---------------------------------------------------------------------------


def _link(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/]+(/\S+)", message.body)
    assert match is not None, message.body
    return match.group(1)


def test_forgot_password_mails_a_link_that_works_once(personas, mailoutbox, send):
    client = Client()
    response = send(client, reverse("accounts:password_reset"), {"identifier": "bob@example.invalid"})
    assert response["Location"] == reverse("accounts:password_reset_sent")
    (message,) = mailoutbox
    assert message.to == ["bob@example.invalid"]
    assert "melding" not in message.body.lower() and "bob" not in message.body.lower()
    link = _link(message)
    assert client.get(link).status_code == 200
    new = "another-invented-password-77"
    response = client.post(link, {"new_password": new, "new_password_again": new})
    assert response["Location"] == reverse("accounts:login")
    assert _fresh(personas["bob"]).check_password(new)
    assert AuditEvent.objects.filter(action="account.password_reset_done", actor_id=personas["bob"].pk).exists()
    # The link works once.
    assert client.get(link).status_code == 404
    response = client.post(link, {"new_password": "yet-another-password-88", "new_password_again": "x"})
    assert response.status_code == 404 and _fresh(personas["bob"]).check_password(new)


def test_an_unknown_address_gets_the_same_answer(personas, mailoutbox, send):
    known = send(Client(), reverse("accounts:password_reset"), {"identifier": "bob"})
    unknown = send(Client(), reverse("accounts:password_reset"), {"identifier": "nobody@example.invalid"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1


def test_asking_for_links_is_throttled(personas, mailoutbox, send):
    for _i in range(6):
        send(Client(), reverse("accounts:password_reset"), {"identifier": "bob"})
    assert len(mailoutbox) == services.PASSWORD_RESET_ACCOUNT_LIMIT.limit
    assert AuditEvent.objects.filter(action="account.password_reset_throttled").exists()


def test_an_expired_link_does_not_work(personas, mailoutbox, send):
    import datetime as dt

    import time_machine

    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        send(Client(), reverse("accounts:password_reset"), {"identifier": "bob"})
    link = _link(mailoutbox[0])
    with time_machine.travel(start + dt.timedelta(hours=services.PASSWORD_RESET_HOURS), tick=False):
        assert Client().get(link).status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=services.PASSWORD_RESET_HOURS, minutes=1), tick=False):
        assert Client().get(link).status_code == 404


def test_an_administrator_sends_a_link_and_the_user_must_change_the_password(personas, client_for, mailoutbox, send):
    mila, erin = personas["mila"], personas["erin"]
    response = send(client_for(erin), reverse("accounts:user_password_reset", args=[mila.pk]))
    assert response.status_code == 302 and len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="account.password_reset_sent", actor_id=erin.pk).exists()
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "mila", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:password_change")


# --- Forced change of a start password ----------------------------------------------------------


def test_a_new_user_must_change_the_start_password(org, personas, client_for):
    client_for(personas["erin"]).post(
        reverse("accounts:user_create"),
        {"username": "nieuw", "password": "a-long-enough-password", "roles": ["employee"]},
    )
    assert User.objects.get(username="nieuw").must_change_password
    client = Client()
    client.post(reverse("accounts:login"), {"username": "nieuw", "password": "a-long-enough-password"})
    assert client.get(reverse("accounts:profile"))["Location"] == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "current_password": "a-long-enough-password",
            "new_password": "a-long-enough-password",
            "new_password_again": "a-long-enough-password",
        },
    )
    assert response.status_code == 200  # the same password again is refused
    new = "my-own-invented-password-31"
    client.post(
        reverse("accounts:password_change"),
        {"current_password": "a-long-enough-password", "new_password": new, "new_password_again": new},
    )
    assert not User.objects.get(username="nieuw").must_change_password
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_backup_codes_are_shown_before_the_start_password_is_changed(org, personas, client_for):
    """Right after linking an app at the first log-in, the backup codes page still opens."""
    newcomer = make_user(org, "nieuw", Role.AUDITOR)
    User.objects.filter(pk=newcomer.pk).update(must_change_password=True)
    client = client_for(_fresh(newcomer))
    # (Here it asks for the password again, as always without a fresh log-in; not for a change.)
    assert client.get(reverse("accounts:backup_codes"))["Location"].startswith(reverse("accounts:reauthenticate"))
    assert client.get(reverse("audit:event_list"))["Location"] == reverse("accounts:password_change")


def test_an_administrator_cannot_make_a_second_administrator_to_approve_with(org, personas):
    erin, mila = personas["erin"], personas["mila"]
    accomplice = services.user_create(
        organisation=org,
        username="accomplice",
        password="a-long-invented-password-42",
        roles=["administrator"],
        by=erin,
    )
    services.role_assign(user=mila, role=Role.COORDINATOR, by=erin)
    assert not access_roles.is_administrator(_fresh(accomplice))  # waits for approval itself
    with pytest.raises(PermissionDenied):
        services.role_approve(assignment=RoleAssignment.objects.get(user=mila, role=Role.COORDINATOR), by=accomplice)
    assert not access_roles.is_coordinator(_fresh(mila))
