"""Forms for advice requests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.lists.forms import ListEntryChoiceField
from open_integriteit.lists.models import ListEntry

from .models import ReceivedVia
from .topics import ADVICE_TOPICS


class AdviceRequestForm(StyledFormMixin, forms.Form):
    date = forms.DateField(
        label=_("Date of the question"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": _("Enter the date of the question."), "invalid": _("Enter a date.")},
    )
    received_via = forms.ChoiceField(
        label=_("Received via"),
        choices=ReceivedVia.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the question reached you.")},
    )
    topic = ListEntryChoiceField(
        kind=ADVICE_TOPICS.code,
        label=_("Topic"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the topic."), "invalid_choice": _("Choose one of the topics.")},
    )
    question = forms.CharField(
        label=_("The question"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": _("Describe the question.")},
    )
    advice = forms.CharField(
        label=_("The advice given"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": _("Describe the advice given.")},
    )
    anonymised_summary = forms.CharField(
        label=_("Anonymised summary for the annual report"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_(
            'One or two sentences, e.g. "An employee asked whether a dinner with an overnight stay offered by a '
            'supplier could be accepted; advised to decline." No names, no e-mail addresses or phone numbers, '
            "nothing that leads back to a person."
        ),
        error_messages={"required": _("Write a short anonymised summary for the annual report.")},
    )

    def __init__(self, *args: Any, topics: QuerySet[ListEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]

    def clean_date(self) -> Any:
        value = self.cleaned_data["date"]
        if value and value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value


class AdviceFilterForm(StyledFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    topic = ListEntryChoiceField(kind=ADVICE_TOPICS.code, label=_("Topic"), required=False, empty_label=_("All"))

    def __init__(self, *args: Any, years: list[int], topics: QuerySet[ListEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All")), *((y, str(y)) for y in years)]  # type: ignore[attr-defined]
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]
