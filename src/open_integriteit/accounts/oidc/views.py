"""Log-in through the organisation's identity provider, and its configuration page (ADR 0019)."""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from open_integriteit.access.menu import home_url_name
from open_integriteit.core.forms import add_service_error

from ..decorators import staff_required
from ..selectors import user_has_totp
from . import selectors, services
from .backend import REFUSAL_KEY, ConfigurationSettings, remember_flow
from .forms import OidcConfigurationForm


def refusal_message(reason: str) -> str:
    """What went wrong, for the person (the audit trail has the code)."""
    messages_by_reason = {
        "claim_missing": _(
            "Your organisation's identity provider did not say who you are in a way this system understands. "
            "Ask your administrator to check the log-in settings."
        ),
        "unknown_person": _(
            "You are not in the people register of this organisation, so you cannot log in with its account. "
            "No account has been made. Ask your administrator or HR to add you to the register."
        ),
        "person_left": _(
            "According to the people register you no longer work for this organisation, so you cannot log in. "
            "Is this wrong? Contact your administrator or HR."
        ),
        "account_inactive": _("Your account has been deactivated. Contact your administrator."),
        "not_configured": _("Logging in with this organisation's account is not (or no longer) possible."),
        "provider_error": _(
            "Logging in with your organisation's account did not succeed. Try again; if it keeps failing, "
            "contact your administrator."
        ),
    }
    return messages_by_reason.get(reason, messages_by_reason["provider_error"])


class OidcStartView(ConfigurationSettings, OIDCAuthenticationRequestView):
    """Start the authorisation code flow (with PKCE, state and nonce) at the provider of the
    organisation in the address."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the library's __init__ reads global settings; ours come per log-in

    def get(self, request: HttpRequest, slug: str) -> HttpResponseBase:  # type: ignore[override]
        configuration = selectors.oidc_configuration_enabled(slug=slug)
        if configuration is None:
            raise Http404
        self.configuration = configuration
        self.OIDC_OP_AUTH_ENDPOINT = configuration.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = configuration.client_id
        response = super().get(request)
        remember_flow(request, redirect_url=response["Location"], configuration=configuration)
        return response


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the library checks state, nonce and PKCE and
    exchanges the code; the backend finds the account; a refusal goes to its own page."""

    def get(self, request: HttpRequest) -> HttpResponseBase:  # type: ignore[override]
        request.session.pop(REFUSAL_KEY, None)
        try:
            return super().get(request)
        except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError, ValueError, KeyError):
            # The provider was unreachable or answered something invalid (a forged or replayed
            # state, a bad signature, a token for another client).
            return self.login_failure()

    def login_failure(self) -> HttpResponseBase:
        request = self.request
        if REFUSAL_KEY not in request.session:
            configuration = getattr(request, "oi_oidc_configuration", None)
            services.oidc_refuse(
                reason="provider_error",
                organisation_id=configuration.organisation_id if configuration else None,
                request=request,
            )
            request.session[REFUSAL_KEY] = "provider_error"
        return redirect("accounts:oidc_refused")

    def login_success(self) -> HttpResponseBase:
        request: Any = self.request
        user: Any = self.user
        next_url = request.session.pop("oidc_login_next", None) or ""
        by_provider = services.oidc_login(
            request=request,
            user=user,
            configuration=request.oi_oidc_configuration,
            mfa=getattr(request, "oi_oidc_mfa", "none"),
        )
        if user.needs_two_factor and not by_provider:
            if user_has_totp(user=user):
                verify = reverse("accounts:verify")
                return HttpResponseRedirect(f"{verify}?{urlencode({'next': next_url})}" if next_url else verify)
            return redirect("accounts:setup_two_factor")
        return HttpResponseRedirect(next_url or reverse(home_url_name(user)))


@require_GET
def oidc_refused_view(request: HttpRequest) -> HttpResponse:
    """Why a log-in through the provider was refused (in the person's words, not a code)."""
    reason = request.session.pop(REFUSAL_KEY, "provider_error")
    return render(request, "accounts/oidc_refused.html", {"message": refusal_message(reason)}, status=403)


@staff_required
@sensitive_post_parameters("client_secret")
@require_http_methods(["GET", "POST"])
def oidc_configuration_view(request: HttpRequest) -> HttpResponseBase:
    """The administrator sets up log-in with the organisation's identity provider."""
    configuration = selectors.oidc_configuration_for_administrator(user=request.user)
    admin: Any = request.user
    initial = (
        {
            "issuer": configuration.issuer,
            "client_id": configuration.client_id,
            "scopes": configuration.scopes,
            "claim": configuration.claim,
            "link_field": configuration.link_field,
            "provider_enforces_mfa": configuration.provider_enforces_mfa,
            "enabled": configuration.enabled,
        }
        if configuration is not None
        else {}
    )
    form = OidcConfigurationForm(request.POST or None, initial=initial, has_secret=configuration is not None)
    if request.method == "POST" and form.is_valid():
        try:
            services.oidc_configuration_save(
                organisation=admin.organisation, by=admin, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The log-in settings have been saved."))
            return redirect("accounts:oidc_configuration")
    return render(
        request,
        "accounts/oidc_configuration.html",
        {
            "form": form,
            "configuration": configuration,
            "redirect_uri": request.build_absolute_uri(reverse("accounts:oidc_callback")),
            "nav": "oidc",
        },
    )
