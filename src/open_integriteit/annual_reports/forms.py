from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .models import MAX_YEAR, MIN_YEAR


class ReportCreateForm(StyledFormMixin, forms.Form):
    first_year = forms.IntegerField(label=_("First year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    last_year = forms.IntegerField(
        label=_("Last year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("The same as the first year for an annual report; later for a combined report."),
    )


class SectionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    enabled = forms.BooleanField(label=_("Include this chapter in the report"), required=False)
    narrative = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        """``year``: the report's first year, for the example in the help text."""
        super().__init__(*args, **kwargs)
        self.fields["narrative"].help_text = _(
            'A blank line starts a new paragraph, a line starting with "- " a bullet, **words** are bold. '
            "{reports.reports} places a figure of the report's last year, {reports.reports@%(year)s} that of "
            "%(year)s (a year of the report), {reports.reports:vergelijking} the sentence comparing it with the "
            "year before."
        ) % {"year": year}


class FlagAcceptForm(StyledFormMixin, forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.CharField(
        label=_("Why this may stay"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the number is public already, or the group is large enough outside this table."),
    )


class FlagGroupAcceptForm(StyledFormMixin, forms.Form):
    group = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.CharField(
        label=_("Why these may stay"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One reason for every open flag of this part; each is recorded as accepted with it."),
    )


class AdoptForm(StyledFormMixin, forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"}))
    adopted_by = forms.CharField(
        label=_("Adopted by"),
        max_length=200,
        help_text=_("For example: the Provincial Executive, the mayor and aldermen."),
    )
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=100)


class TemplateChapterForm(StyledFormMixin, forms.Form):
    """A chapter of the template: its title and whether new reports include it. The service
    checks the title (empty, too long, taken), so that its Dutch message is the one shown."""

    title = forms.CharField(label=_("Title"), required=False, strip=False)
    enabled = forms.BooleanField(label=_("Included in new reports"), required=False)


class TemplateChapterAddForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title of the new chapter"),
        required=False,
        strip=False,
        help_text=_("Your own chapter holds the text you write; it shows no generated figures or tables."),
    )


class TemplateMoveForm(forms.Form):
    """Which way a chapter moves: the value of the button pressed."""

    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], widget=forms.HiddenInput)


MAX_YEARS = 10


class YearRangeForm(StyledFormMixin, forms.Form):
    first_year = forms.IntegerField(label=_("From year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    last_year = forms.IntegerField(label=_("To year"), min_value=MIN_YEAR, max_value=MAX_YEAR)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and first > last:
            self.add_error("last_year", _("The last year cannot come before the first year."))
        elif first and last and last - first >= MAX_YEARS:
            self.add_error("last_year", _("Choose at most ten years."))
        return data
