"""Forms of the contact log. Nothing here asks for a name or free text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import User
from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.lists.forms import ListEntryChoiceField
from open_integriteit.lists.models import ListEntry

from .models import MAX_YEAR, MIN_YEAR, AdviserKind, Referral, year_total_errors
from .topics import TOPICS


class ContactForm(StyledFormMixin, forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": _("Enter the date of the contact."), "invalid": _("Enter a date.")},
    )
    topic = ListEntryChoiceField(
        kind=TOPICS.code,
        label=_("Topic"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the topic."), "invalid_choice": _("Choose one of the topics.")},
    )
    conversations = forms.IntegerField(
        label=_("Number of conversations"),
        min_value=1,
        max_value=999,
        initial=1,
        error_messages={
            "required": _("Enter the number of conversations."),
            "invalid": _("Enter a whole number."),
            "min_value": _("A contact has at least one conversation."),
        },
    )
    led_to_report = forms.BooleanField(label=_("This contact led to a formal report"), required=False)
    referral = forms.ChoiceField(
        label=_("Referred to"),
        choices=Referral.choices,
        error_messages={"required": _("Choose where you referred to.")},
    )

    def __init__(self, *args: Any, topics: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]
        if not self.is_bound and "date" not in self.initial:
            self.initial["date"] = timezone.localdate()

    def clean_date(self) -> Any:
        value = self.cleaned_data["date"]
        if value and value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        if value and value.year < MIN_YEAR:
            raise ValidationError(_("Enter a date from %(year)d onwards.") % {"year": MIN_YEAR})
        return value


class YearFilterForm(StyledFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]

    def selected_year(self, default: int) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return default


def year_choices(*, extra: list[int] | None = None, back: int = 5) -> list[int]:
    """This year and a few before it, plus any other year that has data; newest first."""
    this_year = timezone.localdate().year
    return sorted({*range(this_year - back, this_year + 1), *(extra or [])}, reverse=True)


class YearTotalsForm(StyledFormMixin, forms.Form):
    """Totals of one year for every topic: contacts, conversations and how many led to a report."""

    NUMBERS = ("contacts", "conversations", "led_to_report")

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=MIN_YEAR, max_value=MAX_YEAR)

    def __init__(self, *args: Any, topics: list[ListEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topics = topics
        labels = {
            "contacts": _("Contacts"),
            "conversations": _("Conversations"),
            "led_to_report": _("Led to a formal report"),
        }
        for topic in topics:
            for number in self.NUMBERS:
                self.fields[f"{number}_{topic.pk}"] = forms.IntegerField(
                    label=f"{labels[number]} ({topic})",
                    min_value=0,
                    max_value=99999,
                    required=False,
                    error_messages={"invalid": _("Enter a whole number."), "min_value": _("Enter 0 or more.")},
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        super().clean()
        for topic in self.topics:
            names = {number: f"{number}_{topic.pk}" for number in self.NUMBERS}
            if any(name in self.errors for name in names.values()):
                continue
            values = {number: self.cleaned_data.get(name) or 0 for number, name in names.items()}
            for number, message in year_total_errors(**values).items():
                self.add_error(names[number], message)
        return self.cleaned_data

    def rows(self) -> list[tuple[ListEntry, list[forms.BoundField]]]:
        """Per topic its three bound fields, for the template."""
        return [(topic, [self[f"{number}_{topic.pk}"] for number in self.NUMBERS]) for topic in self.topics]

    def numbers(self, topic: ListEntry) -> dict[str, int]:
        """The cleaned numbers of one topic (blank counts as 0)."""
        return {number: int(self.cleaned_data.get(f"{number}_{topic.pk}") or 0) for number in self.NUMBERS}


class AdviserForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=AdviserKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose internal adviser or external service.")},
    )
    display_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_('For example "Vertrouwenspersoon intern" or the name of the external bureau.'),
        error_messages={"required": _("Enter a name.")},
    )
    user = forms.ModelChoiceField(
        label=_("Account that keeps the log"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Only this account sees the log. For an external service: the person who enters its figures. "
            "Only accounts with the role confidential adviser can be chosen."
        ),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, users: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        if editing:
            del self.fields["kind"]
        else:
            del self.fields["active"]
