"""Staff log-in: argon2 passwords, mandatory second factor, lockout, expiring sessions."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.accounts import services
from open_integriteit.audit.models import AuditEvent
from open_integriteit.testing.fixtures import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _password_login(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_production_passwords_are_hashed_with_argon2():
    from open_integriteit.conf import base

    assert base.PASSWORD_HASHERS == ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_coordinator_must_pass_the_second_factor_before_seeing_anything(personas):
    client = Client()
    response = _password_login(client, "alice")
    assert response["Location"] == reverse("accounts:verify")
    # Password alone is not enough for any staff page.
    response = client.get(reverse("reports:staff_dashboard"))
    assert response["Location"] == reverse("accounts:verify")
    response = client.post(reverse("accounts:verify"), {"token": "000000"})
    assert response.status_code == 200 and response.context["form"].errors
    device = TOTPDevice.objects.get(user=personas["alice"])
    # django-otp slows retries after a failure; a little later the right code is accepted.
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=5), tick=False):
        response = client.post(reverse("accounts:verify"), {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.get(reverse("reports:staff_dashboard")).status_code == 200
    actions = set(AuditEvent.objects.filter(actor_id=personas["alice"].pk).values_list("action", flat=True))
    assert {"account.login", "account.two_factor_failed", "account.two_factor_verified"} <= actions


def test_first_login_without_device_requires_setting_up_two_factor(org):
    user = services.user_create(organisation=org, username="newbie", password=PASSWORD, roles=["investigator"])
    client = Client()
    response = _password_login(client, "newbie")
    assert response["Location"] == reverse("accounts:setup_two_factor")
    page = client.get(reverse("accounts:setup_two_factor"))
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:setup_two_factor"), {"token": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == reverse("accounts:backup_codes")
    codes = client.get(reverse("accounts:backup_codes")).context["codes"]
    assert len(codes) == 10
    # Shown once.
    assert client.get(reverse("accounts:backup_codes")).context["codes"] is None
    assert client.get(reverse("reports:staff_dashboard")).status_code == 200
    # A backup code works exactly once.
    other = Client()
    _password_login(other, "newbie")
    assert other.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 302
    third = Client()
    _password_login(third, "newbie")
    assert third.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 200


def test_employee_logs_in_without_second_factor(personas):
    client = Client()
    response = _password_login(client, "mila")
    assert response["Location"] == reverse("accounts:profile")


def test_sessions_end_after_the_maximum_duration(personas, client_for):
    client = client_for(personas["alice"])
    assert client.get(reverse("reports:staff_dashboard")).status_code == 200
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=settings.OI_SESSION_MAX_HOURS, minutes=1)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("reports:staff_dashboard"))
    assert response.status_code == 302


def test_sessions_expire_after_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_role_changes_by_the_administrator_are_audited(personas, client_for):
    erin = personas["erin"]
    mila = personas["mila"]
    client = client_for(erin)
    response = client.post(reverse("accounts:user_roles", args=[mila.pk]), {"roles": ["employee", "manager"]})
    assert response.status_code == 302
    # A content role from an administrator waits for a second person (four eyes).
    event = AuditEvent.objects.get(action="account.role_proposed", object_id=str(mila.pk), actor_id=erin.pk)
    assert event.details == {"role": "manager"}
    client.post(reverse("accounts:user_roles", args=[mila.pk]), {"roles": ["manager"]})
    assert AuditEvent.objects.filter(action="account.role_revoked", object_id=str(mila.pk)).exists()


def test_administrator_cannot_change_users_of_another_organisation(personas, client_for):
    response = client_for(personas["erin"]).post(
        reverse("accounts:user_roles", args=[personas["grace"].pk]), {"roles": ["auditor"]}
    )
    assert response.status_code == 404


def test_administrator_creates_user_with_roles(org, personas, client_for):
    response = client_for(personas["erin"]).post(
        reverse("accounts:user_create"),
        {"username": "nieuw", "password": "a-long-enough-password", "roles": ["investigator"]},
    )
    assert response.status_code == 302
    user = make_user.__globals__["User"].objects.get(username="nieuw")
    # The content role waits for approval: it does not count yet.
    assert user.organisation == org and user.role_set == frozenset()
    assert set(user.role_assignments.values_list("role", flat=True)) == {"investigator"}


def test_administrator_cannot_change_own_roles(personas, client_for):
    erin = personas["erin"]
    response = client_for(erin).post(reverse("accounts:user_roles", args=[erin.pk]), {"roles": ["coordinator"]})
    assert response.status_code == 302
    erin.refresh_from_db()
    assert set(erin.role_assignments.values_list("role", flat=True)) == {"administrator"}
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.role_assign(user=erin, role="coordinator", by=erin)
