from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .models import Organisation, OrganisationKind


class BrandingForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=OrganisationKind.choices,
        help_text=_(
            "The categories page shows which typology is standard for this kind of organisation; "
            "you switch typologies there."
        ),
        error_messages={"required": _("Choose the kind of organisation.")},
    )
    primary_colour = forms.RegexField(
        label=_("Main colour"),
        regex=r"^#[0-9a-fA-F]{6}$",
        help_text=_("As #RRGGBB. White text must stay readable on it."),
        error_messages={"invalid": _("Enter a colour as #RRGGBB, for example #154273.")},
    )
    confidential_adviser_contact = forms.CharField(
        label=_("How to reach the confidential adviser"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    logo = forms.FileField(label=_("Logo (PNG or JPG)"), required=False)
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)


class ServedByForm(StyledFormMixin, forms.Form):
    """A shared service that serves this organisation and so sees its counts."""

    shared_service = forms.ModelChoiceField(
        label=_("Shared service"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the shared service.")},
    )
    since = forms.DateField(label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_service"].queryset = queryset  # type: ignore[attr-defined]
