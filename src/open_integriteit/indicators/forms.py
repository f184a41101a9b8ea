"""Forms of the survey indicators."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.figures.forms import PastYearField

from .models import IndicatorUnit


class IndicatorForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("E.g. Share of staff who know the confidential adviser."),
        error_messages={"required": _("Enter the name of the indicator.")},
    )
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=IndicatorUnit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the indicator is measured: percentage, score or number.")},
    )
    question = forms.CharField(
        label=_("Question"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The question of the survey, as the staff read it."),
    )


class MeasurementForm(StyledFormMixin, forms.Form):
    year = PastYearField()
    value = forms.DecimalField(
        label=_("Value"), max_digits=10, decimal_places=2, error_messages={"required": _("Enter the value.")}
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_("The survey, e.g. MTO 2022."),
        error_messages={"required": _("Enter the source.")},
    )
