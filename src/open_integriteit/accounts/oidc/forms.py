from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from ..models import OidcLinkField


class OidcConfigurationForm(StyledFormMixin, forms.Form):
    issuer = forms.URLField(
        label=_("Issuer"),
        max_length=500,
        help_text=_(
            "The address of the identity provider, as in its discovery document "
            "(for example https://login.example.nl/realms/staff)."
        ),
        error_messages={"required": _("Enter the address of the provider."), "invalid": _("Enter a web address.")},
        assume_scheme="https",
    )
    client_id = forms.CharField(
        label=_("Client ID"), max_length=255, error_messages={"required": _("Enter the client ID.")}
    )
    client_secret = forms.CharField(
        label=_("Client secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Stored encrypted and never shown again. Leave empty to keep the stored secret."),
    )
    scopes = forms.CharField(
        label=_("Scopes"),
        max_length=255,
        initial="openid email profile",
        help_text=_("Separated by spaces; openid is required."),
        error_messages={"required": _("Enter the scopes.")},
    )
    claim = forms.CharField(
        label=_("Claim that identifies the person"),
        max_length=100,
        initial="employee_number",
        help_text=_("The claim in the ID token or userinfo whose value is looked up in the people register."),
        error_messages={"required": _("Enter the name of the claim.")},
    )
    link_field = forms.ChoiceField(
        label=_("Compared with"),
        choices=OidcLinkField.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the claim is compared with.")},
    )
    provider_enforces_mfa = forms.BooleanField(
        label=_("Our provider enforces multi-factor authentication for everyone who logs in"),
        required=False,
        help_text=_(
            "A statement by the organisation, recorded in the audit trail. Staff who need a second factor then "
            "log in without their authenticator app, but only when the provider's ID token shows the second step "
            "(amr or acr)."
        ),
    )
    enabled = forms.BooleanField(
        label=_("Offer log-in with this provider"),
        required=False,
        help_text=_("When switched on, the provider's details are read from its address on saving."),
    )

    def __init__(self, *args: Any, has_secret: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_secret:
            self.fields["client_secret"].help_text = _("Stored encrypted and never shown again.")
