"""Forms of the people register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .hr_file import MAX_BYTES
from .models import PersonKind, Unit


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
