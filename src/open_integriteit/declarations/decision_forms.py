"""Forms of the deciders' and the register clerk's pages (``views/decisions.py``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.people.models import Person, Unit

from .decisions import DECISION_CHOICES
from .models import GiftDestination, Kind
from .workflow import State


class DecisionForm(StyledFormMixin, forms.Form):
    """The decider's choice starts empty: nothing is approved by default."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision."), "invalid_choice": _("Choose one of the decisions.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("The declarant reads the reason with the decision."),
        error_messages={"required": _("Give the reason for this decision.")},
    )
    restriction = forms.CharField(
        label=_("Restriction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Only for an approval with a restriction. The public register shows the restriction."),
    )


class GiftDestinationForm(StyledFormMixin, forms.Form):
    handed_in_on = forms.DateField(
        label=_("Handed in on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": _("Give the date the gift was handed in."), "invalid": _("Enter a date.")},
    )
    destination = forms.ChoiceField(
        label=_("Destination"),
        choices=GiftDestination.choices,
        error_messages={
            "required": _("Choose where the gift goes."),
            "invalid_choice": _("Choose where the gift goes."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("For example who received it, or the charity."),
    )


class QueueFilterForm(StyledFormMixin, forms.Form):
    """The register clerk's and coordinator's filters over all of the organisation."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Kind.choices], required=False)
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All states")), *[(value, label) for value, label in State.choices if value != State.DRAFT]],
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class PersonWithAccountField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.external_id})"


def people_who_can_decide(organisation_id: int) -> Any:
    """The organisation's people in service with an account: only they can decide."""
    today = timezone.localdate()
    return (
        Person.objects.filter(organisation_id=organisation_id, user__isnull=False, user__is_active=True)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .order_by("sort_key", "pk")
    )


class RegisterSettingsForm(StyledFormMixin, forms.Form):
    gift_threshold = forms.DecimalField(
        label=_("Gift threshold (€)"),
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Gifts worth more than this are handed in."),
        error_messages={"required": _("Give the threshold."), "invalid": _("Enter an amount, such as 50 or 50.00.")},
    )
    decision_reminder_days = forms.IntegerField(
        label=_("Remind the decider after (days)"),
        min_value=1,
        max_value=365,
        error_messages={"required": _("Give a number of days.")},
    )
    decision_escalation_days = forms.IntegerField(
        label=_("Tell the coordinators after (days)"),
        min_value=1,
        max_value=365,
        help_text=_("A decision waiting this long is overdue; the coordinators hear of it."),
        error_messages={"required": _("Give a number of days.")},
    )
    publication_history_months = forms.IntegerField(
        label=_("Ended records stay in the published history (months)"),
        min_value=0,
        max_value=240,
        error_messages={"required": _("Give a number of months.")},
    )
    council_clerk = PersonWithAccountField(
        label=_("Council clerk"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody chosen"),
        help_text=_("Decides on the declarations of council members. Only people with an account can be chosen."),
    )
    executive_secretary = PersonWithAccountField(
        label=_("Secretary"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody chosen"),
        help_text=_(
            "Decides on the declarations of the executive and the mayor or King's commissioner. "
            "Only people with an account can be chosen."
        ),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_who_can_decide(organisation.pk)
        self.fields["council_clerk"].queryset = people  # type: ignore[attr-defined]
        self.fields["executive_secretary"].queryset = people  # type: ignore[attr-defined]
