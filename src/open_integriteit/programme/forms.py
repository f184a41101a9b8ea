"""Forms of the annual programme."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.people.models import Person

from .models import Quarter, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.ModelChoiceField(
        label=_("Owner from the register"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody from the register"),
    )
    owner_text = forms.CharField(
        label=_("Or owner as text"),
        max_length=200,
        required=False,
        help_text=_("A team, a function or a name, when the owner is not a person in the register."),
    )
    theme = forms.CharField(label=_("Theme"), max_length=200, required=False)
    quarter = forms.ChoiceField(
        label=_("Planned quarter"), choices=[("", _("No quarter")), *Quarter.choices], required=False
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("What came of it; shown in the annual report."),
    )

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners if owners is not None else Person.objects.none()
        field.label_from_instance = lambda obj: str(obj.full_name)  # type: ignore[method-assign]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("owner") is not None and data.get("owner_text"):
            raise ValidationError(_("Choose an owner from the register or type one, not both."))
        return data
