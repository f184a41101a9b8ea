"""Forms of complaints and incidents. A choice with consequences starts empty."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.procurement.forms import date_field, not_in_future

from .models import ComplaintKind, ComplaintOutcome, IncidentAction, IncidentKind


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} · {obj.title}" if getattr(obj, "title", "") else str(obj.reference)


class ComplaintForm(StyledFormMixin, forms.Form):
    received_on = date_field(_("Received on"), _("Enter the date the complaint was received."))
    kind = forms.ChoiceField(
        label=_("Kind of complaint"),
        choices=ComplaintKind.choices,
        error_messages={"required": _("Choose the kind of complaint.")},
    )
    external = forms.BooleanField(label=_("Handled by an external complaints committee"), required=False)
    committee = forms.CharField(
        label=_("Name of the complaints committee"),
        required=False,
        max_length=200,
        help_text=_("Only for an external committee, e.g. the LKOG or a regional complaints committee."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=ComplaintOutcome.choices,
        error_messages={"required": _("Choose the outcome (pending while there is none).")},
    )
    decided_on = date_field(_("Date of the decision"), "")
    case = CaseChoiceField(
        label=_("Linked case"),
        queryset=None,
        required=False,
        empty_label=_("No case"),
        help_text=_("If the complaint is handled as a case, choose that case: it is then counted once."),
        error_messages={"invalid_choice": _("Choose one of the cases you may see.")},
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].required = False
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]

    def clean_received_on(self) -> Any:
        return not_in_future(self.cleaned_data["received_on"])


class IncidentForm(StyledFormMixin, forms.Form):
    date = date_field(_("Date of the incident"), _("Enter the date of the incident."))
    kind = forms.ChoiceField(
        label=_("Kind of incident"),
        choices=IncidentKind.choices,
        error_messages={"required": _("Choose the kind of incident.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe what happened.")},
    )
    action = forms.ChoiceField(
        label=_("Action taken"),
        choices=IncidentAction.choices,
        error_messages={"required": _("Choose the action taken.")},
    )
    action_text = forms.CharField(
        label=_("Action taken, explained"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_date(self) -> Any:
        return not_in_future(self.cleaned_data["date"])
