"""Forms of the people register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .hr_file import MAX_BYTES
from .models import Office, PersonKind, Unit


class PeopleFilterForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All"))
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *PersonKind.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("In service")), ("left", _("Left")), ("all", _("All"))],
        required=False,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("HR export (CSV or Excel)"),
        help_text=_("At most 10 MB and 60,000 rows; a CSV in UTF-8, separated by ; or ,."),
        error_messages={"required": _("Choose the file to import.")},
    )
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=[("check", _("Check only (dry run)")), ("import", _("Import"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to check or to import.")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class PostDutiesForm(StyledFormMixin, forms.Form):
    designated = forms.BooleanField(
        label=_("Designated for the financial-interest duty"),
        required=False,
        help_text=_("Holders of this post must report their financial interests."),
    )
    publication_duty = forms.BooleanField(
        label=_("Publication duty"),
        required=False,
        help_text=_("Side jobs of holders of this post are published (post title, no names)."),
    )


DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages={"invalid": _("Enter a date as dd-mm-yyyy.")},
    )


class OfficialForm(StyledFormMixin, forms.Form):
    office = forms.ChoiceField(
        label=_("Office"), choices=Office.choices, error_messages={"required": _("Choose the office.")}
    )
    term_start = _date(_("Start of the term"))
    term_end = _date(_("End of the term"))
    party = forms.CharField(
        label=_("Party"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("The term must end after it starts."))
        return data


class ManagerAddForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Choose a unit."), "invalid_choice": _("Choose a unit from the list.")},
        help_text=_("The person decides for the people in this unit and in the units below it."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
