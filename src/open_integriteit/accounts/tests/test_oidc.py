"""Log-in with the organisation's own account (OpenID Connect, ADR 0019), end to end against
the real test identity provider (tests/oidc_provider), started once per session. Django's
test client is the browser here; ``tests/browser/test_oidc_login.py`` does it in Chromium."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import OidcConfiguration, Role, User
from open_integriteit.accounts.oidc import services as oidc_services
from open_integriteit.accounts.oidc.views import refusal_message
from open_integriteit.audit.models import AuditEvent
from open_integriteit.people.models import Person
from tests.oidc_provider.fixture import provider_log_in

pytestmark = pytest.mark.django_db


def _start(org) -> str:
    return reverse("accounts:oidc_start", args=[org.slug])


def _refusal(client: Client) -> str:
    page = client.get(reverse("accounts:oidc_refused"))
    assert page.status_code == 403
    return page.context["message"]


def _dutch(message: str) -> str:
    with translation.override("nl"):
        return str(translation.gettext(message))


def test_an_employee_in_the_register_gets_an_employee_account_at_the_first_log_in(org, oidc_configuration):
    client = Client()
    answer = provider_log_in(client, _start(org), "ilse")
    person = Person.objects.get(organisation=org, external_id="1001")
    assert person.user is not None
    user = person.user
    # On to her start page (she manages the directorate in the register: its people).
    assert answer.status_code == 302 and answer["Location"] == reverse("people:list")
    assert user.organisation_id == org.pk and user.role_set == {Role.EMPLOYEE}
    assert not user.has_usable_password()
    assert (user.first_name, user.last_name, user.email) == ("Ilse", "van den Heuvel", "i.heuvel@example.invalid")
    assert client.get(reverse("accounts:profile")).status_code == 200
    actions = list(AuditEvent.objects.filter(organisation_id=org.pk).values_list("action", flat=True))
    assert {"account.created", "people.account_linked", "account.login_oidc"} <= set(actions)
    login = AuditEvent.objects.get(action="account.login_oidc")
    assert login.actor_id == user.pk and login.details["second_factor"] == "not_needed"

    # The next log-in uses the same account.
    again = Client()
    provider_log_in(again, _start(org), "ilse")
    assert User.objects.filter(person__external_id="1001").count() == 1
    assert again.get(reverse("accounts:profile")).context["user"] == user


def test_only_the_people_of_the_providers_organisation_count(org, other_org, oidc_configuration):
    """The same personnel number in another organisation's register is another person."""
    from open_integriteit.people.services import people_import
    from open_integriteit.people.tests.files import as_csv

    people_import(organisation=other_org, by=None, file_name="hr.csv", data=as_csv(), dry_run=False)
    provider_log_in(Client(), _start(org), "ilse")
    assert Person.objects.get(organisation=org, external_id="1001").user is not None
    assert Person.objects.get(organisation=other_org, external_id="1001").user is None
    assert User.objects.get(person__external_id="1001").organisation == org


def test_an_account_without_a_password_is_not_offered_a_password_change(org, oidc_configuration):
    client = Client()
    provider_log_in(client, _start(org), "ilse")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:password_change") not in page


def test_an_official_gets_an_employee_account_too(org, oidc_configuration):
    client = Client()
    provider_log_in(client, _start(org), "pieter")
    person = Person.objects.get(organisation=org, external_id="9001")
    assert person.kind == "official" and person.user is not None
    assert person.user.role_set == {Role.EMPLOYEE}


@pytest.mark.parametrize(
    ("username", "reason"),
    [("onbekend", "unknown_person"), ("youssef", "person_left"), ("zonder", "claim_missing")],
)
def test_someone_the_register_does_not_know_or_who_left_is_refused_without_an_account(
    org, oidc_configuration, username, reason
):
    users_before = User.objects.count()
    client = Client()
    answer = provider_log_in(client, _start(org), username)
    assert answer["Location"] == reverse("accounts:oidc_refused")
    with translation.override("nl"):
        expected = refusal_message(reason)
    assert _refusal(client) == expected
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users_before
    refusal = AuditEvent.objects.get(action="account.oidc_refused")
    assert refusal.organisation_id == org.pk and refusal.details == {"reason": reason}
    assert not AuditEvent.objects.filter(action="account.login_oidc").exists()


def test_the_refusal_is_in_dutch(org, oidc_configuration):
    client = Client()
    provider_log_in(client, _start(org), "onbekend")
    page = client.get(reverse("accounts:oidc_refused"))  # no language asked for: Dutch
    assert "Je staat niet in het personenregister" in page.content.decode()


def test_a_deactivated_account_is_refused(org, personas, oidc_configuration):
    account_services.user_deactivate(user=personas["alice"], by=personas["erin"])
    client = Client()
    provider_log_in(client, _start(org), "alice")
    assert _refusal(client) == _dutch("Your account has been deactivated. Contact your administrator.")
    assert AuditEvent.objects.get(action="account.oidc_refused").details == {"reason": "account_inactive"}
    assert "_auth_user_id" not in client.session


def test_a_coordinator_is_still_asked_for_the_authenticator_app(org, personas, oidc_configuration):
    client = Client()
    answer = provider_log_in(client, _start(org), "alice")
    assert answer["Location"] == reverse("accounts:verify")
    assert client.session["_auth_user_id"] == str(personas["alice"].pk)  # her own account
    # Nothing opens before the second step.
    assert client.get(reverse("reports:staff_dashboard"))["Location"] == reverse("accounts:verify")
    assert AuditEvent.objects.get(action="account.login_oidc").details["second_factor"] == "app"


def test_a_provider_that_enforces_mfa_and_shows_it_replaces_the_app(org, personas, oidc_configuration):
    OidcConfiguration.objects.filter(pk=oidc_configuration.pk).update(provider_enforces_mfa=True)
    client = Client()
    answer = provider_log_in(client, _start(org), "alice-mfa")  # the ID token has amr: pwd, otp
    assert answer["Location"] == reverse("reports:staff_dashboard")
    assert client.get(reverse("reports:staff_dashboard")).status_code == 200
    event = AuditEvent.objects.get(action="account.login_oidc")
    assert (event.details["mfa"], event.details["second_factor"]) == ("amr", "provider")

    # Without amr or acr in the token the statement alone is not enough.
    other = Client()
    assert provider_log_in(other, _start(org), "alice")["Location"] == reverse("accounts:verify")


def test_the_statement_counts_only_when_the_organisation_made_it(org, oidc_configuration):
    client = Client()
    assert provider_log_in(client, _start(org), "alice-mfa")["Location"] == reverse("accounts:verify")


def test_the_claim_can_be_compared_with_the_e_mail_address(org, personas, oidc_configuration):
    OidcConfiguration.objects.filter(pk=oidc_configuration.pk).update(claim="email", link_field="email")
    client = Client()
    provider_log_in(client, _start(org), "ilse")
    assert Person.objects.get(organisation=org, external_id="1001").user is not None


def test_a_forged_state_is_refused(org, oidc_configuration):
    client = Client()
    client.get(_start(org))
    answer = client.get(reverse("accounts:oidc_callback"), {"code": "made-up", "state": "made-up"})
    assert answer["Location"] == reverse("accounts:oidc_refused")
    assert AuditEvent.objects.get(action="account.oidc_refused").details == {"reason": "provider_error"}
    assert "_auth_user_id" not in client.session


def test_a_log_in_that_comes_back_after_the_provider_was_switched_off_is_refused(org, oidc_configuration):
    def switch_off():
        OidcConfiguration.objects.filter(pk=oidc_configuration.pk).update(enabled=False)

    client = Client()
    answer = provider_log_in(client, _start(org), "ilse", meanwhile=switch_off)
    assert answer["Location"] == reverse("accounts:oidc_refused")
    assert AuditEvent.objects.get(action="account.oidc_refused").details == {"reason": "not_configured"}
    assert not Person.objects.get(organisation=org, external_id="1001").user


def test_another_organisation_has_no_log_in_with_this_provider(other_org, oidc_configuration):
    assert Client().get(_start(other_org)).status_code == 404


def test_the_log_in_page_offers_the_organisations_with_a_provider(org, other_org, oidc_configuration):
    page = Client().get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:oidc_start", args=[org.slug]) in page
    assert reverse("accounts:oidc_start", args=[other_org.slug]) not in page
    OidcConfiguration.objects.filter(pk=oidc_configuration.pk).update(enabled=False)
    page = Client().get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:oidc_start", args=[org.slug]) not in page
    assert Client().get(_start(org)).status_code == 404


def test_the_client_secret_is_encrypted_at_rest(oidc_configuration, oidc_provider):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT client_secret FROM {OidcConfiguration._meta.db_table}")
        (stored,) = cursor.fetchone()
    assert oidc_provider.client_secret not in str(stored)
    assert OidcConfiguration.objects.get().client_secret == oidc_provider.client_secret


def test_the_administrator_configures_the_provider_on_a_page(org, personas, oidc_provider, client_for):
    client = client_for(personas["erin"])
    page = client.get(reverse("accounts:oidc_configuration"))
    assert page.status_code == 200
    assert "http://testserver/account/inloggen/oidc/terug/" in page.content.decode()
    data = {
        "issuer": oidc_provider.issuer,
        "client_id": oidc_provider.client_id,
        "client_secret": oidc_provider.client_secret,
        "scopes": "openid email profile",
        "claim": "employee_number",
        "link_field": "external_id",
        "provider_enforces_mfa": "on",
        "enabled": "on",
    }
    answer = client.post(reverse("accounts:oidc_configuration"), data)
    assert answer.status_code == 302 and answer["Location"] == reverse("accounts:oidc_configuration")
    configuration = OidcConfiguration.objects.get(organisation=org)
    assert configuration.enabled and configuration.provider_enforces_mfa
    assert configuration.token_endpoint.startswith(oidc_provider.issuer)  # read from the discovery document
    assert configuration.jwks_endpoint and configuration.authorization_endpoint
    statement = AuditEvent.objects.get(action="account.oidc_mfa_statement")
    assert statement.actor_id == personas["erin"].pk and statement.details == {"provider_enforces_mfa": True}
    # The secret is never shown again; an empty field keeps it.
    page = client.get(reverse("accounts:oidc_configuration")).content.decode()
    assert oidc_provider.client_secret not in page
    client.post(reverse("accounts:oidc_configuration"), {**data, "client_secret": "", "provider_enforces_mfa": ""})
    configuration.refresh_from_db()
    assert configuration.client_secret == oidc_provider.client_secret and not configuration.provider_enforces_mfa
    assert AuditEvent.objects.filter(action="account.oidc_mfa_statement").count() == 2
    assert AuditEvent.objects.filter(action="account.oidc_configured").count() == 2


def test_a_wrong_provider_address_is_explained_and_the_form_keeps_what_was_typed(
    org, personas, oidc_provider, client_for
):
    client = client_for(personas["erin"])
    data = {
        "issuer": oidc_provider.base_url + "/nothing-here",
        "client_id": "typed-client",
        "client_secret": "typed-secret",
        "scopes": "openid email",
        "claim": "employee_number",
        "link_field": "external_id",
        "enabled": "on",
    }
    answer = client.post(reverse("accounts:oidc_configuration"), data, HTTP_ACCEPT_LANGUAGE="nl")
    assert answer.status_code == 200
    form = answer.context["form"]
    assert list(form.errors) == ["issuer"]
    assert form["client_id"].value() == "typed-client"
    assert not OidcConfiguration.objects.exists()
    # Plain http only to this machine itself.
    answer = client.post(reverse("accounts:oidc_configuration"), {**data, "issuer": "http://login.example.nl/"})
    assert list(answer.context["form"].errors) == ["issuer"]
    # The scopes must include openid.
    answer = client.post(reverse("accounts:oidc_configuration"), {**data, "scopes": "email", "enabled": ""})
    assert list(answer.context["form"].errors) == ["scopes"]


def test_the_configuration_is_the_administrators_only(org, personas, client_for, oidc_provider):
    with pytest.raises(PermissionDenied):
        oidc_services.oidc_configuration_save(
            organisation=org,
            by=personas["alice"],
            enabled=False,
            issuer=oidc_provider.issuer,
            client_id="x",
            client_secret="y",
            scopes="openid",
            claim="employee_number",
            link_field="external_id",
            provider_enforces_mfa=True,
        )
    for name in ("alice", "frank", "mila", "grace"):
        assert client_for(personas[name]).get(reverse("accounts:oidc_configuration")).status_code == 404


@pytest.mark.parametrize(
    ("claims", "evidence"),
    [
        ({"amr": ["pwd", "otp"]}, "amr"),
        ({"amr": ["hwk"]}, "amr"),
        ({"amr": ["pwd"]}, "none"),
        ({"acr": "urn:example:loa:substantial"}, "acr"),
        ({"acr": "0"}, "none"),
        ({}, "none"),
    ],
)
def test_only_a_second_step_in_the_token_counts_as_evidence(claims, evidence):
    assert oidc_services.mfa_evidence(claims) == evidence
