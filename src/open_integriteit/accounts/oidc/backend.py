"""mozilla-django-oidc's views and backend, each working for one organisation's provider.

The library reads ``OIDC_*`` settings through ``get_settings``; ``ConfigurationSettings``
answers from the organisation's ``OidcConfiguration`` instead (the idea of Open Formulieren's
mozilla-django-oidc-db). The start view remembers, per ``state``, which configuration the
log-in started for; the callback's backend takes it from there, so parallel log-ins in
several tabs do not mix.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from ..models import OidcConfiguration
from . import selectors, services

# Session: state → configuration id of the log-ins started in this browser session.
FLOWS_KEY = "oi_oidc_flows"
# Session: the reason of the last refusal, for the refusal page.
REFUSAL_KEY = "oi_oidc_refusal"
MAX_FLOWS = 10


class ConfigurationSettings:
    """The ``OIDC_*`` settings of one organisation's configuration."""

    configuration: OidcConfiguration

    def get_settings(self, attr: str, *args: Any) -> Any:
        c = self.configuration
        values: dict[str, Any] = {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": c.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": c.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": c.userinfo_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": c.jwks_endpoint,
            "OIDC_RP_CLIENT_ID": c.client_id,
            "OIDC_RP_CLIENT_SECRET": c.client_secret,
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_RP_SCOPES": c.scopes,
            "OIDC_USE_NONCE": True,
            "OIDC_USE_PKCE": True,
            "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
            "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_callback",
            "OIDC_REDIRECT_FIELD_NAME": "next",
            "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {},
            "OIDC_CREATE_USER": False,
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
            "OIDC_TOKEN_USE_BASIC_AUTH": False,
            "OIDC_TIMEOUT": services.TIMEOUT,
            "OIDC_VERIFY_SSL": True,
        }
        if attr in values:
            return values[attr]
        return import_from_settings(attr, *args)


def remember_flow(request: HttpRequest, *, redirect_url: str, configuration: OidcConfiguration) -> None:
    """After the start view: which configuration the ``state`` of this log-in belongs to."""
    state = parse_qs(urlsplit(redirect_url).query)["state"][0]
    flows = dict(request.session.get(FLOWS_KEY) or {})
    while len(flows) >= MAX_FLOWS:
        flows.pop(next(iter(flows)))
    flows[state] = configuration.pk
    request.session[FLOWS_KEY] = flows


class OrganisationOidcBackend(ConfigurationSettings, OIDCAuthenticationBackend):
    """Authenticates the callback of a log-in started for one organisation's provider. Only
    the callback calls it (``nonce`` and ``code_verifier`` are required), so a password
    log-in never reaches it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads its settings here; ours come per log-in (``authenticate``).
        self.UserModel = get_user_model()

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, *, nonce: str | None, code_verifier: str | None
    ) -> Any:
        if request is None:
            return None
        state = request.GET.get("state", "")
        flows = dict(request.session.get(FLOWS_KEY) or {})
        configuration_id = flows.pop(state, None)
        request.session[FLOWS_KEY] = flows
        configuration = selectors.oidc_configuration_enabled(pk=configuration_id) if configuration_id else None
        if configuration is None:
            services.oidc_refuse(reason="not_configured", organisation_id=None, request=request)
            request.session[REFUSAL_KEY] = "not_configured"
            return None
        self.configuration = configuration
        request.oi_oidc_configuration = configuration  # type: ignore[attr-defined]
        self.OIDC_OP_TOKEN_ENDPOINT = configuration.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = configuration.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = configuration.jwks_endpoint
        self.OIDC_RP_CLIENT_ID = configuration.client_id
        self.OIDC_RP_CLIENT_SECRET = configuration.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        """The library checks the signature, expiry and nonce; the issuer and the audience
        are checked here (a token for another client, or from another issuer, is refused)."""
        payload = super().verify_token(token, **kwargs)
        issuer = self.configuration.issuer.rstrip("/")
        if str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.configuration.client_id not in audiences:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        user_info: dict[str, Any] = {}
        if self.configuration.userinfo_endpoint:
            user_info = self.get_userinfo(access_token, id_token, payload)
            if user_info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo for another subject")
        claims = {**user_info, **payload}  # the signed ID token wins
        try:
            user = services.oidc_account_for(configuration=self.configuration, claims=claims, request=self.request)
        except services.OidcRefused as refused:
            self.request.session[REFUSAL_KEY] = refused.reason
            return None
        self.request.oi_oidc_mfa = services.mfa_evidence(payload)  # type: ignore[attr-defined]
        return user

    def get_user(self, user_id: Any) -> Any:
        """As for a password log-in: a deactivated account's session ends."""
        return ModelBackend.get_user(self, user_id)
