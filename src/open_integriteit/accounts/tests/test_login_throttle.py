"""Failed log-ins lock a user name per client address (5), and everywhere only after many
failures from many addresses (50); every failure, lock-out and refusal reaches the audit
view of the user name's organisation; unknown user names get the same answers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from open_integriteit.audit.actions import action_label
from open_integriteit.audit.models import AuditEvent
from open_integriteit.conf import base
from open_integriteit.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db
WRONG = "wrong-password-123"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.OI_LOGIN_FAILURE_LIMIT = 3
    settings.OI_LOGIN_USER_FAILURE_LIMIT = 7


def _login(username: str, password: str = WRONG, address: str = "198.51.100.1"):
    return Client(REMOTE_ADDR=address).post(reverse("accounts:login"), {"username": username, "password": password})


def test_defaults_are_five_per_address_and_fifty_per_user_name():
    assert (base.OI_LOGIN_FAILURE_LIMIT, base.OI_LOGIN_USER_FAILURE_LIMIT, base.OI_LOGIN_COOLOFF_MINUTES) == (5, 50, 30)


def test_failures_from_one_address_do_not_keep_the_coordinator_out(personas):
    for _ in range(django_settings.OI_LOGIN_FAILURE_LIMIT):
        _login("alice", address="198.51.100.66")
    locked = _login("alice", PASSWORD, address="198.51.100.66")
    assert locked.status_code == 429
    assert "30" in locked.content.decode()
    # The username stays in the form.
    assert locked.context["form"]["username"].value() == "alice"
    # Alice at her own desk still gets in.
    assert _login("alice", PASSWORD, address="192.0.2.10")["Location"] == reverse("accounts:verify")


def test_many_addresses_together_lock_the_user_name_everywhere(personas):
    for number in range(django_settings.OI_LOGIN_USER_FAILURE_LIMIT):
        _login("alice", address=f"198.51.100.{number}")
    assert _login("alice", PASSWORD, address="192.0.2.10").status_code == 429
    lock = AuditEvent.objects.get(action="account.locked_out", details__scope="user")
    assert lock.organisation_id == personas["alice"].organisation_id


def test_a_lock_ends_after_the_cool_off_and_refusals_do_not_extend_it(personas):
    for _ in range(django_settings.OI_LOGIN_FAILURE_LIMIT):
        _login("alice")
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=20)
    with time_machine.travel(later, tick=False):
        assert _login("alice", PASSWORD).status_code == 429
    with time_machine.travel(later + dt.timedelta(minutes=11), tick=False):
        assert _login("alice", PASSWORD).status_code == 302


def test_a_successful_log_in_clears_its_own_address(personas):
    for _ in range(django_settings.OI_LOGIN_FAILURE_LIMIT - 1):
        _login("alice")
    assert _login("alice", PASSWORD).status_code == 302
    for _ in range(django_settings.OI_LOGIN_FAILURE_LIMIT - 1):
        _login("alice")
    assert _login("alice", PASSWORD).status_code == 302


def _last_sequence() -> int:
    last = AuditEvent.objects.order_by("-sequence").first()
    return last.sequence if last else 0


def test_failures_lock_outs_and_refusals_reach_the_auditor_of_the_organisation(personas, client_for):
    start = _last_sequence()
    for _ in range(django_settings.OI_LOGIN_FAILURE_LIMIT + 1):
        _login("alice")
    org_id = personas["alice"].organisation_id
    events = AuditEvent.objects.filter(sequence__gt=start)
    assert set(events.values_list("object_id", flat=True)) == {str(personas["alice"].pk)}
    actions = list(events.order_by("sequence").values_list("action", flat=True))
    assert actions == ["account.login_failed"] * 3 + ["account.locked_out", "account.login_refused"]
    assert set(events.values_list("organisation_id", flat=True)) == {org_id}
    assert set(events.values_list("ip_address", flat=True)) == {"198.51.100.1"}
    page = client_for(personas["frank"]).get(reverse("audit:event_list"), {"action": "account."})
    shown = [row.event.action for row in page.context["rows"]]
    assert {"account.login_failed", "account.locked_out", "account.login_refused"} <= set(shown)
    with translation.override("nl"):
        assert action_label("account.locked_out") in page.content.decode()
    # The other organisation's auditor sees none of it.
    assert not AuditEvent.objects.filter(
        action="account.login_failed", organisation_id=personas["grace"].organisation_id
    )


def test_unknown_user_names_get_the_same_answers_and_leave_no_trace_of_what_was_typed(personas):
    start = _last_sequence()
    known = [_login("alice") for _ in range(django_settings.OI_LOGIN_FAILURE_LIMIT + 1)]
    unknown = [_login("alice-typo") for _ in range(django_settings.OI_LOGIN_FAILURE_LIMIT + 1)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [200, 200, 429, 429]
    assert [r.context["form"].non_field_errors() for r in known] == [
        r.context["form"].non_field_errors() for r in unknown
    ]
    anonymous = AuditEvent.objects.filter(sequence__gt=start, object_id="")
    assert anonymous.count() == 5 and set(anonymous.values_list("organisation_id", flat=True)) == {None}
    assert not AuditEvent.objects.filter(details__icontains="alice-typo").exists()


def test_an_administrator_lifts_the_lock(personas, client_for):
    for number in range(django_settings.OI_LOGIN_USER_FAILURE_LIMIT):
        _login("alice", address=f"198.51.100.{number}")
    alice = personas["alice"]
    # Nobody but an administrator of Alice's organisation.
    assert client_for(personas["grace"]).post(reverse("accounts:user_unlock", args=[alice.pk])).status_code == 404
    response = client_for(personas["erin"]).post(reverse("accounts:user_unlock", args=[alice.pk]))
    assert response["Location"] == reverse("accounts:user_roles", args=[alice.pk])
    assert _login("alice", PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(action="account.login_unlocked", object_id=str(alice.pk)).exists()
