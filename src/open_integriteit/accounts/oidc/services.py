"""Writes for log-in through the organisation's identity provider (ADR 0019): its
configuration, the account a person logs in to (made at the first log-in), the log-in and
every refusal. Audit events hold codes and ids only."""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access.administration import can_configure_oidc
from open_integriteit.audit.services import audit_log

from .. import reauth
from ..models import OidcConfiguration, OidcLinkField, Role, User
from ..second_factor import mark_passed_at_provider

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.organisations.models import Organisation

BACKEND = "open_integriteit.accounts.oidc.backend.OrganisationOidcBackend"
# Seconds to wait for the provider (discovery, token, keys, userinfo).
TIMEOUT = 10
# Authentication methods (RFC 8176) that are more than a password: the provider did a
# second step.
MFA_METHODS = frozenset(
    {"mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "retina", "vbm", "sc", "pin", "kba"}
)
REFUSALS = (
    "claim_missing",  # the provider did not send the claim that names the person
    "unknown_person",  # nobody in the organisation's register has that value
    "person_left",  # the person has left the organisation
    "account_inactive",  # the person's account was deactivated
    "not_configured",  # the log-in started for a configuration that is gone or switched off
    "provider_error",  # the provider refused, was unreachable, or answered something invalid
)


class OidcRefused(Exception):
    """A log-in through the provider that is refused, with the reason (one of ``REFUSALS``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def oidc_refuse(
    *, reason: str, organisation_id: int | None, target: Any = None, request: HttpRequest | None = None
) -> OidcRefused:
    """Audit a refused log-in (the reason code only, never a claim's value) and return the
    exception to raise."""
    if reason not in REFUSALS:
        raise ValueError(f"unknown refusal {reason!r}")
    audit_log(
        action="account.oidc_refused",
        organisation_id=organisation_id,
        target=target,
        request=request,
        details={"reason": reason},
    )
    return OidcRefused(reason)


# --- Configuration --------------------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_https(url: str, field: str) -> None:
    """Secrets and tokens travel to the provider: only over https (plain http only to this
    machine itself, for development and the tests)."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and _is_loopback(parts.hostname or "")):
        raise ValidationError({field: _("Use an https:// address.")})


def provider_discover(*, issuer: str) -> dict[str, str]:
    """The provider's endpoints from its discovery document
    (``<issuer>/.well-known/openid-configuration``); raises ValidationError on the issuer."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError):
        raise ValidationError(
            {"issuer": _("The provider's details could not be read from %(url)s. Check the address.") % {"url": url}}
        )
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise ValidationError({"issuer": _("The provider at this address names another issuer. Check the address.")})
    found = {
        "authorization_endpoint": document.get("authorization_endpoint"),
        "token_endpoint": document.get("token_endpoint"),
        "jwks_endpoint": document.get("jwks_uri"),
        "userinfo_endpoint": document.get("userinfo_endpoint") or "",
    }
    endpoints = {field: value for field, value in found.items() if isinstance(value, str)}
    if len(endpoints) != len(found) or not all(
        endpoints[k] for k in ("authorization_endpoint", "token_endpoint", "jwks_endpoint")
    ):
        raise ValidationError({"issuer": _("The provider does not publish the endpoints a log-in needs.")})
    methods = document.get("code_challenge_methods_supported")
    if isinstance(methods, list) and "S256" not in methods:
        raise ValidationError({"issuer": _("The provider does not support PKCE with S256.")})
    for value in endpoints.values():
        if value:
            _check_https(value, "issuer")
    return endpoints


def oidc_configuration_save(
    *,
    organisation: Organisation,
    by: User,
    enabled: bool,
    issuer: str,
    client_id: str,
    client_secret: str = "",
    scopes: str,
    claim: str,
    link_field: str,
    provider_enforces_mfa: bool,
    request: HttpRequest | None = None,
) -> OidcConfiguration:
    """Create or change the organisation's provider configuration. An empty ``client_secret``
    keeps the stored one. Saved enabled, the endpoints are read from the provider first
    (so a wrong address is caught here, not at the first log-in). The statement that the
    provider enforces multi-factor authentication is audited on its own when it changes:
    it lets staff log in without their authenticator app."""
    if not can_configure_oidc(by, organisation.pk):
        raise PermissionDenied
    configuration = OidcConfiguration.objects.filter(organisation=organisation).first()
    created = configuration is None
    if configuration is None:
        configuration = OidcConfiguration(organisation=organisation)
    mfa_before = configuration.provider_enforces_mfa
    issuer = issuer.strip()
    scopes = " ".join(scopes.split())
    if issuer:
        _check_https(issuer, "issuer")
    if "openid" not in scopes.split():
        raise ValidationError({"scopes": _("The scopes must include openid.")})
    if not re.fullmatch(r"[A-Za-z0-9_.:/-]+", claim.strip()):
        raise ValidationError({"claim": _("Enter the name of one claim, for example employee_number.")})
    if link_field not in OidcLinkField.values:
        raise ValidationError({"link_field": _("Choose what the claim is compared with.")})
    if client_secret:
        configuration.client_secret = client_secret
    if not configuration.client_secret:
        raise ValidationError({"client_secret": _("Enter the client secret.")})
    configuration.enabled = enabled
    configuration.issuer = issuer
    configuration.client_id = client_id.strip()
    configuration.scopes = scopes
    configuration.claim = claim.strip()
    configuration.link_field = link_field
    configuration.provider_enforces_mfa = provider_enforces_mfa
    if enabled:
        for field, value in provider_discover(issuer=issuer).items():
            setattr(configuration, field, value)
        configuration.discovered_at = timezone.now()
    configuration.full_clean()
    with transaction.atomic():
        configuration.save()
        audit_log(
            action="account.oidc_configured",
            actor=by,
            organisation_id=organisation.pk,
            target=configuration,
            request=request,
            details={
                "created": created,
                "enabled": enabled,
                "link_field": link_field,
                "secret_changed": bool(client_secret),
            },
        )
        if created or mfa_before != provider_enforces_mfa:
            audit_log(
                action="account.oidc_mfa_statement",
                actor=by,
                organisation_id=organisation.pk,
                target=configuration,
                request=request,
                details={"provider_enforces_mfa": provider_enforces_mfa},
            )
    return configuration


# --- Log-in ---------------------------------------------------------------------------------


def mfa_evidence(claims: dict[str, Any]) -> str:
    """What the provider's ID token says about a second step: ``"amr"`` (an authentication
    method of RFC 8176 beyond a password), ``"acr"`` (an assurance level above 0), or
    ``"none"``."""
    amr = claims.get("amr")
    if isinstance(amr, list) and MFA_METHODS & {str(method).lower() for method in amr}:
        return "amr"
    acr = claims.get("acr")
    if isinstance(acr, str) and acr.strip() not in ("", "0"):
        return "acr"
    return "none"


def _username_for(configuration: OidcConfiguration, value: str) -> str:
    """A free user name for a new account: the organisation's slug and the claim's value
    (letters, digits and @.+-_ only), numbered if taken."""
    base = f"{configuration.organisation.slug}-{re.sub(r'[^A-Za-z0-9@.+_-]', '', value)}"[:140]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _account_create(*, configuration: OidcConfiguration, person: Any, value: str, request: HttpRequest | None) -> User:
    """The person's account at their first log-in: an employee of the organisation (also an
    official: roles beyond that are given by the administrator, four eyes), without a
    password, linked to the person."""
    from open_integriteit.people.services import person_account_link

    from ..services import user_create

    email = person.email.strip()
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    with transaction.atomic():
        user = user_create(
            organisation=configuration.organisation,
            username=_username_for(configuration, value),
            first_name=person.given_name[:150],
            last_name=person.surname[:150],
            email=email,
            roles=[Role.EMPLOYEE],
            request=request,
        )
        person_account_link(person=person, user=user, request=request)
    return user


def oidc_account_for(*, configuration: OidcConfiguration, claims: dict[str, Any], request: HttpRequest | None) -> User:
    """The account the provider's person logs in to. The claim's value is looked up among
    the organisation's people: a person who has an account logs in to it; a person without
    one gets one now (an employee); a person nobody knows, or who has left, is refused, and
    no account is made. Raises ``OidcRefused`` (audited)."""
    from open_integriteit.people.selectors import person_for_login

    organisation_id = configuration.organisation_id
    raw = claims.get(configuration.claim)
    value = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if not value:
        raise oidc_refuse(reason="claim_missing", organisation_id=organisation_id, request=request)
    person = person_for_login(organisation_id=organisation_id, field=configuration.link_field, value=value)
    if person is None:
        raise oidc_refuse(reason="unknown_person", organisation_id=organisation_id, request=request)
    if not person.is_active_on(timezone.localdate()):
        raise oidc_refuse(reason="person_left", organisation_id=organisation_id, target=person, request=request)
    user = person.user
    if user is None:
        try:
            return _account_create(configuration=configuration, person=person, value=value, request=request)
        except PermissionDenied:
            # Linked by a log-in in another tab a moment ago: use that account.
            person.refresh_from_db()
            user = person.user
    if user is None or not user.is_active or user.organisation_id != organisation_id:
        raise oidc_refuse(reason="account_inactive", organisation_id=organisation_id, target=user, request=request)
    return user


def oidc_login(*, request: HttpRequest, user: User, configuration: OidcConfiguration, mfa: str) -> bool:
    """Log the user in after the provider vouched for them (a fresh authentication, like a
    password just entered). Returns whether the provider's second step counts as the
    second factor: only when the organisation stated its provider enforces it and the ID
    token shows it; otherwise staff who need one still use their authenticator app."""
    login(request, user, backend=BACKEND)
    reauth.mark_password_confirmed(request)
    by_provider = configuration.provider_enforces_mfa and mfa != "none"
    if by_provider:
        mark_passed_at_provider(request, user)
    audit_log(
        action="account.login_oidc",
        actor=user,
        target=user,
        request=request,
        details={
            "configuration": configuration.pk,
            "mfa": mfa,
            "second_factor": "provider" if by_provider else ("app" if user.needs_two_factor else "not_needed"),
        },
    )
    return by_provider
