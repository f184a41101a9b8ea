"""Forms of the declarant's pages. The forms read what was typed (a date, a number, a
choice) and say so in Dutch when it cannot be read; what a declaration of each kind must
hold is checked by the service (``services.validate``), so a draft may be incomplete and a
submission may not. Consequential choices (paid or unpaid, accepted or refused, the kind of
interest, the value band) start empty."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .models import Answer, Declaration, InterestKind, Kind, ValueBand
from .services import FIELDS, REQUIRED, TEXT_MAX, missing_messages

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        required=False,
        error_messages={"invalid": _("Enter a date as dd-mm-yyyy.")},
        **kwargs,
    )


def _text(label: Any, rows: int = 0, **kwargs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        widget=widget,
        required=False,
        max_length=TEXT_MAX,
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
        **kwargs,
    )


def _yes_no(label: Any, yes: Any, no: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", yes), ("no", no)],
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )


def _as_choice(value: bool | None, yes: str = "yes", no: str = "no") -> str | None:
    return None if value is None else (yes if value else no)


class DeclarationForm(StyledFormMixin, forms.Form):
    """The fields of one kind. Every field the kind needs is marked required (and asked for
    on submission); saving a draft lets them be empty."""

    kind: str = ""
    CHOICE_FIELDS: tuple[str, ...] = ()

    def __init__(self, *args: Any, official: bool = False, declaration: Declaration | None = None, **kwargs: Any):
        if declaration is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(declaration)
        super().__init__(*args, **kwargs)
        messages = missing_messages()
        for name in REQUIRED.get(self.kind, ()):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = messages[name]
        self.official = official

    @classmethod
    def initial_from(cls, declaration: Declaration) -> dict[str, Any]:
        initial = {name: getattr(declaration, name) for name in FIELDS[cls.kind]}
        for name in cls.CHOICE_FIELDS:
            initial[name] = _as_choice(initial[name])
        return initial

    def is_valid_for(self, *, complete: bool) -> bool:
        """Read what was typed; with ``complete`` every required field must be there."""
        if not complete:
            for name in REQUIRED.get(self.kind, ()):
                self.fields[name].required = False
        valid = self.is_valid()
        for name in REQUIRED.get(self.kind, ()):
            self.fields[name].required = True
        return valid

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in FIELDS[self.kind]}


class SideJobForm(DeclarationForm):
    kind = Kind.SIDE_JOB
    CHOICE_FIELDS = ("paid",)

    body = _text(_("Employer or body"))
    role = _text(_("Role or position"))
    hours_per_month = forms.IntegerField(
        label=_("Hours a month"),
        required=False,
        min_value=0,
        max_value=744,
        help_text=_("On average; a month has at most 744 hours."),
        error_messages={
            "invalid": _("Enter a whole number of hours."),
            "min_value": _("Enter the hours a month (0 to 744)."),
            "max_value": _("Enter the hours a month (0 to 744)."),
        },
    )
    paid = _yes_no(_("Paid or unpaid"), _("Paid"), _("Unpaid"))
    by_virtue_of_office = forms.TypedChoiceField(
        label=_("In what capacity"),
        choices=[("personal", _("In a personal capacity")), ("qq", _("By virtue of the office (q.q.)"))],
        coerce=lambda value: value == "qq",
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("A side job held because of your public office is published as q.q."),
    )
    relation_to_work = _text(
        _("Relation to your own work"),
        rows=3,
        help_text=_("Could the side job touch on your work for the organisation? Write 'none' if not."),
    )
    starts_on = _date(_("Start"))
    ends_on = _date(_("End"), help_text=_("Leave empty if the side job has not ended."))

    def __init__(self, *args: Any, official: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, official=official, **kwargs)
        if official:
            self.fields["by_virtue_of_office"].required = True
            self.fields["by_virtue_of_office"].error_messages["required"] = _(
                "Choose in what capacity you hold the side job."
            )
        else:
            del self.fields["by_virtue_of_office"]

    @classmethod
    def initial_from(cls, declaration: Declaration) -> dict[str, Any]:
        initial = super().initial_from(declaration)
        # A draft does not know whether "personal" was chosen or nothing yet: q.q. or empty.
        initial["by_virtue_of_office"] = "qq" if declaration.by_virtue_of_office else None
        return initial

    def is_valid_for(self, *, complete: bool) -> bool:
        if "by_virtue_of_office" in self.fields and not complete:
            self.fields["by_virtue_of_office"].required = False
        valid = super().is_valid_for(complete=complete)
        if "by_virtue_of_office" in self.fields:
            self.fields["by_virtue_of_office"].required = True
        return valid


class FinancialInterestForm(DeclarationForm):
    kind = Kind.FINANCIAL_INTEREST

    interest_kind = forms.ChoiceField(label=_("Kind of interest"), choices=InterestKind.choices, required=False)
    description = _text(
        _("Description"),
        rows=3,
        help_text=_("For example the company, the property or the lender; no account numbers."),
    )
    value_band = forms.ChoiceField(label=_("Value"), choices=ValueBand.choices, required=False)
    starts_on = _date(_("Held since"))


class GiftForm(DeclarationForm):
    kind = Kind.GIFT
    CHOICE_FIELDS = ("accepted",)

    giver = _text(_("Giver"), help_text=_("The person or organisation that offered it."))
    occasion = _text(_("Occasion"))
    is_invitation = forms.BooleanField(label=_("It is an invitation (a dinner, an event, a trip)"), required=False)
    estimated_value = forms.DecimalField(
        label=_("Estimated value (€)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Enter an amount in euros, for example 45,50."),
            "min_value": _("Enter an amount of zero or more."),
            "max_digits": _("Enter an amount below one hundred million euros."),
            "max_decimal_places": _("Enter at most two decimals (cents)."),
            "max_whole_digits": _("Enter an amount below one hundred million euros."),
        },
    )
    received_on = _date(_("Date"))
    accepted = _yes_no(_("Accepted or refused"), _("Accepted"), _("Refused"))


FORMS: dict[str, type[DeclarationForm]] = {
    Kind.SIDE_JOB: SideJobForm,
    Kind.FINANCIAL_INTEREST: FinancialInterestForm,
    Kind.GIFT: GiftForm,
}


class NilReturnForm(StyledFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your answer.")},
    )


class EndForm(StyledFormMixin, forms.Form):
    ends_on = forms.DateField(
        label=_("Ended on"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Give the date it ended."), "invalid": _("Enter a date as dd-mm-yyyy.")},
    )
