"""Forms of the register of rules and codes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin
from open_integriteit.reports.uploads import CheckedFile, check_uploads

from .models import AdoptedBy, Regulation, RegulationKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParticularsForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    audience = forms.CharField(
        label=_("For whom"), max_length=300, required=False, help_text=_("For example: all staff, council members.")
    )
    adopted_by = forms.ChoiceField(label=_("Adopted by"), choices=AdoptedBy.choices)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE)
    decision_reference = forms.CharField(
        label=_("Decision reference"), max_length=200, required=False, help_text=_("For example: GS-2024-123.")
    )
    public = forms.BooleanField(
        label=_("Publish on the public pages"),
        required=False,
        help_text=_("The current version is then listed, with its PDF, on the organisation's public pages."),
    )


class RegulationForm(ParticularsForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=RegulationKind.choices)
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=Regulation.objects.none(),
        required=False,
        empty_label=_("Nothing: a first version"),
        help_text=_("The earlier version this one takes the place of."),
    )
    document = forms.FileField(label=_("Document (PDF)"))

    field_order = ["kind", "title", "audience", "adopted_by", "adopted_on", "decision_reference", "replaces"]

    def __init__(self, *args: Any, replaceable: list[Regulation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        replaceable = replaceable or []
        field = self.fields["replaces"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Regulation.objects.filter(pk__in=[r.pk for r in replaceable])
        labels = {r.pk: f"{r.get_kind_display()}: {r.title} ({r.adopted_on:%d-%m-%Y})" for r in replaceable}
        field.label_from_instance = lambda obj: labels.get(obj.pk, str(obj))  # type: ignore[method-assign]
        self.order_fields(self.field_order)

    def clean_document(self) -> CheckedFile:
        """The upload checks of every other file (size, type by content, no web page
        disguised as PDF); and it must be a PDF."""
        (checked,) = check_uploads([self.cleaned_data["document"]])
        if checked.content_type != "application/pdf":
            raise ValidationError(_("Add the document as a PDF file."))
        return checked


class SettingsForm(StyledFormMixin, forms.Form):
    review_years = forms.IntegerField(
        label=_("Review after (years)"),
        min_value=1,
        max_value=20,
        help_text=_("A rule or code is due for review this many years after it was adopted."),
    )
