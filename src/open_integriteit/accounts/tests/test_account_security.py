"""Changing how one logs in needs the password again; every user can change the password,
which ends their other sessions."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.accounts.reauth import REAUTH_MINUTES
from open_integriteit.audit.models import AuditEvent
from open_integriteit.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-brand-new-passphrase-2026"


def test_a_verified_session_needs_the_password_to_link_a_new_authenticator_app(personas, client_for):
    alice = personas["alice"]
    client = client_for(alice)  # logged in and verified, but the password was not typed here
    old_device = TOTPDevice.objects.get(user=alice)
    response = client.get(reverse("accounts:setup_two_factor"))
    assert response["Location"] == f"{reverse('accounts:reauthenticate')}?next=%2Faccount%2Ftweestapsverificatie%2F"
    refused = client.post(reverse("accounts:reauthenticate"), {"password": "not-her-password", "next": "/x/"})
    assert refused.status_code == 200 and refused.context["form"].errors["password"]
    assert AuditEvent.objects.filter(action="account.reauth_failed", object_id=str(alice.pk)).exists()
    confirmed = client.post(
        reverse("accounts:reauthenticate"), {"password": PASSWORD, "next": reverse("accounts:setup_two_factor")}
    )
    assert confirmed["Location"] == reverse("accounts:setup_two_factor")
    assert client.get(reverse("accounts:setup_two_factor")).status_code == 200
    new_device = TOTPDevice.objects.get(user=alice, confirmed=False)
    response = client.post(reverse("accounts:setup_two_factor"), {"token": f"{totp(new_device.bin_key):06d}"})
    assert response["Location"] == reverse("accounts:backup_codes")
    # The new app replaces the old one.
    assert list(TOTPDevice.objects.filter(user=alice)) == [new_device]
    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()
    assert AuditEvent.objects.filter(action="account.reauthenticated", object_id=str(alice.pk)).exists()


def test_new_backup_codes_need_the_password_and_are_shown_once(personas, client_for):
    alice = personas["alice"]
    client = client_for(alice)
    response = client.post(reverse("accounts:backup_codes"))
    assert response["Location"].startswith(reverse("accounts:reauthenticate"))
    assert not AuditEvent.objects.filter(action="account.backup_codes_created").exists()
    client.post(reverse("accounts:reauthenticate"), {"password": PASSWORD})
    assert client.post(reverse("accounts:backup_codes"))["Location"] == reverse("accounts:backup_codes")
    codes = client.get(reverse("accounts:backup_codes")).context["codes"]
    assert len(codes) == 10
    assert client.get(reverse("accounts:backup_codes")).context["codes"] is None
    # The confirmation lasts a few minutes only.
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=REAUTH_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        assert client.post(reverse("accounts:backup_codes"))["Location"].startswith(reverse("accounts:reauthenticate"))


def test_guessing_the_password_on_the_confirmation_page_is_throttled(personas, client_for, settings):
    client = client_for(personas["alice"])
    for _ in range(settings.OI_LOGIN_FAILURE_LIMIT):
        client.post(reverse("accounts:reauthenticate"), {"password": "guess"})
    response = client.post(reverse("accounts:reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 200 and "30" in str(response.context["form"].non_field_errors())


def test_every_user_changes_the_password_and_other_sessions_end(personas, client_for):
    mila = personas["mila"]
    here, elsewhere = client_for(mila), client_for(mila)
    url = reverse("accounts:password_change")
    wrong = here.post(
        url, {"current_password": "nope", "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
    )
    assert wrong.context["form"].errors["current_password"]
    mismatch = here.post(
        url, {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD + "x"}
    )
    assert mismatch.context["form"].errors["new_password_again"]
    weak = here.post(url, {"current_password": PASSWORD, "new_password": "12345678", "new_password_again": "12345678"})
    assert weak.context["form"].errors["new_password"]
    done = here.post(
        url, {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
    )
    assert done["Location"] == reverse("accounts:profile")
    assert here.get(reverse("accounts:profile")).status_code == 200
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert Client().post(reverse("accounts:login"), {"username": "mila", "password": NEW_PASSWORD}).status_code == 302
    assert AuditEvent.objects.filter(action="account.password_changed", object_id=str(mila.pk)).count() == 1


def test_the_password_pages_need_a_log_in(db):
    for name in ("password_change", "backup_codes"):
        assert Client().get(reverse(f"accounts:{name}"))["Location"].startswith(reverse("accounts:login"))
    assert Client().get(reverse("accounts:reauthenticate"))["Location"] == reverse("accounts:login")
