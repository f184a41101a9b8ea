"""Forms of the update rounds (ADR 0023)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .models import Kind, RoundKind

DATE = {"type": "date"}
MONTHS = [(str(number), name) for number, name in MONTH_NAMES.items()]


class RoundStartForm(StyledFormMixin, forms.Form):
    """The kind of round starts empty. Dates and questions left empty are filled in from the
    organisation's defaults for the chosen kind and shown to check before the round starts."""

    kind = forms.ChoiceField(
        label=_("Kind of round"),
        choices=RoundKind.choices,
        error_messages={"required": _("Choose the kind of round."), "invalid_choice": _("Choose the kind of round.")},
    )
    asks = forms.MultipleChoiceField(
        label=_("Asks about"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Financial interests are asked only of officials and holders of designated posts."),
    )
    opens_on = forms.DateField(
        label=_("Opens on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date.")},
    )
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date.")},
    )

    def is_complete(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("asks")) and data.get("opens_on") is not None and data.get("due_on") is not None


def _month_field(label: Any) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label,
        choices=MONTHS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one month.")},
    )


class RoundDefaultsForm(StyledFormMixin, forms.Form):
    officials_months = _month_field(_("Officials' rounds open in"))
    gifts_months = _month_field(_("Gift rounds open in"))
    everyone_months = _month_field(_("Rounds for everyone open in"))
    answer_days = forms.IntegerField(
        label=_("Days to answer"),
        min_value=1,
        max_value=365,
        error_messages={"required": _("Give the number of days.")},
    )
    reminder_days_before = forms.IntegerField(
        label=_("Remind this many days before the due date"),
        min_value=1,
        max_value=365,
        error_messages={"required": _("Give the number of days.")},
    )


class RoundPeopleFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        choices=[("", _("Everyone in scope")), ("open", _("Not completed")), ("done", _("Completed"))],
        required=False,
    )
