"""Forms of the onboarding app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.people.models import Person, Unit

from .models import DUTY_KINDS, Form, Group, Pledge, StatementKind

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Enter a date as dd-mm-yyyy."), "required": _("Give the date.")},
    )


class CeremonyForm(StyledFormMixin, forms.Form):
    held_on = date_field(_("Date"))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("For example the council chamber, a meeting room, or the video-call service."),
        error_messages={"required": _("Give the place.")},
    )
    form = forms.ChoiceField(
        label=_("Physically present or online"),
        choices=Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose physically present or online.")},
    )
    administered_by = forms.CharField(
        label=_("Administered by"),
        max_length=200,
        help_text=_("The name of the official who administers the oath, such as the secretary or the griffier."),
        error_messages={"required": _("Give who administers the oath.")},
    )
    group = forms.ChoiceField(
        label=_("For which group"),
        choices=Group.choices,
        error_messages={"required": _("Choose the group.")},
    )
    partner_name = forms.CharField(
        label=_("Partner organisation"),
        max_length=200,
        required=False,
        help_text=_("Only for a partner organisation's ceremony: its staff are not in our register."),
    )
    partner_oaths = forms.IntegerField(label=_("Oaths taken (partner organisation)"), min_value=0, required=False)
    partner_affirmations = forms.IntegerField(
        label=_("Affirmations made (partner organisation)"), min_value=0, required=False
    )


class PeopleSearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search the register"),
        max_length=100,
        required=False,
        help_text=_("A surname or a personnel number."),
    )


class ParticipantsAddForm(StyledFormMixin, forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People found"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person.")},
    )

    def __init__(self, *args: Any, people: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        field.queryset = people if people is not None else Person.objects.none()  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.full_name} ({p.external_id})"  # type: ignore[attr-defined]


class PledgesForm(StyledFormMixin, forms.Form):
    """One choice per participant, each starting empty (a consequential choice)."""

    def __init__(self, *args: Any, participants: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for participant in participants:
            name = f"pledge_{participant.pk}"
            self.fields[name] = forms.ChoiceField(
                label=participant.person.full_name if participant.person else _("Removed from the register"),
                choices=Pledge.choices,
                required=False,
                initial=participant.pledge,
            )
        self.style_fields()

    def pledges(self) -> dict[int, str]:
        return {int(name.removeprefix("pledge_")): value for name, value in self.cleaned_data.items()}


class StatementForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Signed as"), choices=StatementKind.choices, error_messages={"required": _("Choose as what.")}
    )
    signed_on = date_field(_("Signed on"))
    version = forms.CharField(
        label=_("Version of the statement"),
        max_length=20,
        help_text=_("As on the statement, for example 2024-1."),
        error_messages={"required": _("Give the version.")},
    )


class CertificateForm(StyledFormMixin, forms.Form):
    """Deliberately without a file and without remarks: a VOG is criminal-record data."""

    received = forms.BooleanField(label=_("Received"), required=False)
    received_on = date_field(_("Received on"), required=False)
    screening_profile = forms.CharField(
        label=_("Screening profile"),
        max_length=40,
        help_text=_("The code or short name of the screening profile, for example 45 or 'Algemeen'."),
        error_messages={"required": _("Give the screening profile.")},
    )


class SettingsForm(StyledFormMixin, forms.Form):
    due_months = forms.IntegerField(
        label=_("Due within (months after the start)"),
        min_value=1,
        max_value=24,
        error_messages={"required": _("Give the number of months.")},
    )
    kinds_due = forms.MultipleChoiceField(
        label=_("Who must take the oath or affirmation"),
        choices=[(k.value, k.label) for k in DUTY_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rehired_due_again = forms.BooleanField(
        label=_("Due again after re-hiring"),
        required=False,
        help_text=_("A person who left and came back must take the oath or affirmation again."),
    )


class OverdueFilterForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
