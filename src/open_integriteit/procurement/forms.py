"""Forms of the procurement app. A choice with consequences (procedure, reason, kind, field,
outcome) starts empty."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.figures.models import MAX_YEAR, MIN_YEAR
from open_integriteit.lists.forms import ListEntryChoiceField

from .models import BibobField, BibobKind, BibobOutcome, Procedure
from .reasons import REASONS


def date_field(label: Any, required_message: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": required_message, "invalid": _("Enter a date.")},
    )


def not_in_future(value: Any) -> Any:
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    return value


class DeviationForm(StyledFormMixin, forms.Form):
    date = date_field(_("Date of the decision"), _("Enter the date of the decision to deviate."))
    subject = forms.CharField(
        label=_("Subject of the purchase"),
        max_length=500,
        error_messages={"required": _("Describe what was bought.")},
    )
    amount = forms.DecimalField(
        label=_("Amount in euros"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,  # 12500,00 as well as 12500.00
        error_messages={"required": _("Enter the amount."), "invalid": _("Enter an amount, e.g. 12500.00.")},
    )
    procedure = forms.ChoiceField(
        label=_("Procedure that should have applied"),
        choices=Procedure.choices,
        error_messages={"required": _("Choose the procedure that should have applied.")},
    )
    reason = ListEntryChoiceField(
        kind=REASONS.code,
        label=_("Reason"),
        error_messages={"required": _("Choose the reason."), "invalid_choice": _("Choose one of the reasons.")},
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("Name or role, e.g. the municipal executive or the head of department."),
        error_messages={"required": _("Say who decided to deviate.")},
    )

    def __init__(self, *args: Any, reasons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = reasons  # type: ignore[attr-defined]

    def clean_date(self) -> Any:
        return not_in_future(self.cleaned_data["date"])


class BibobCheckForm(StyledFormMixin, forms.Form):
    date = date_field(_("Date"), _("Enter the date of the check."))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=BibobKind.choices, error_messages={"required": _("Choose the kind of check.")}
    )
    field = forms.ChoiceField(
        label=_("Field"), choices=BibobField.choices, error_messages={"required": _("Choose the field.")}
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=BibobOutcome.choices, error_messages={"required": _("Choose the outcome.")}
    )

    def clean_date(self) -> Any:
        return not_in_future(self.cleaned_data["date"])


class BibobTotalsForm(StyledFormMixin, forms.Form):
    """A year's checks as totals: a number per kind and field."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=MIN_YEAR, max_value=MAX_YEAR)
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=200,
        help_text=_("Where the numbers come from, e.g. the 2021 annual report."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in BibobKind:
            for field in BibobField:
                self.fields[self.name(kind, field)] = forms.IntegerField(
                    label=field.label,
                    required=False,
                    min_value=0,
                    max_value=99999,
                    error_messages={"invalid": _("Enter a whole number."), "min_value": _("Enter 0 or more.")},
                )
        self.style_fields()

    @staticmethod
    def name(kind: str, field: str) -> str:
        return f"{kind}__{field}"

    def groups(self) -> list[tuple[Any, list[Any]]]:
        """Per kind its label and bound fields, for the template."""
        return [(kind.label, [self[self.name(kind, field)] for field in BibobField]) for kind in BibobKind]

    def totals(self) -> dict[str, dict[str, int]]:
        data = self.cleaned_data
        return {
            kind: {field: data.get(self.name(kind, field)) or 0 for field in BibobField.values}
            for kind in BibobKind.values
        }
