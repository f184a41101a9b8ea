"""Forms of the figures app: the year of the overview, and an earlier year's entered total."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from .models import MIN_YEAR
from .registry import Spec

ROW_PREFIX = "row_"


class PastYearField(forms.IntegerField):
    """A year from ``MIN_YEAR`` up to this year (which is read when the form is checked)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("error_messages", {"required": _("Enter the year.")})
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        this_year = timezone.localdate().year
        if value is not None and value > this_year:
            raise ValidationError(_("Enter a year up to %(year)s.") % {"year": this_year}, code="max_value")


class YearForm(StyledFormMixin, forms.Form):
    # A filter, not a consequential choice: without a year the page shows last year.
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set after styling: a year is always chosen, so no empty first option.
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]


class FigureChoiceForm(StyledFormMixin, forms.Form):
    """Which figure to enter a total for (starts empty: the form that follows depends on it)."""

    figure = forms.ChoiceField(label=_("Figure"), error_messages={"required": _("Choose a figure.")})

    def __init__(self, *args: Any, specs: list[Spec], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = [(s.key, str(s.label)) for s in specs]  # type: ignore[attr-defined]
        self.style_fields()


class EnteredTotalForm(StyledFormMixin, forms.Form):
    year = PastYearField()
    total = forms.DecimalField(
        label=_("Total"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={"required": _("Enter the total.")},
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the number comes from, e.g. the 2019 annual report."),
    )

    def __init__(self, *args: Any, rows: tuple[tuple[str, Any], ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in rows:
            self.fields[ROW_PREFIX + key] = forms.DecimalField(
                label=label, min_value=0, max_digits=12, decimal_places=2, required=False
            )
        self.style_fields()

    def row_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(ROW_PREFIX)]

    def breakdown(self) -> dict[str, Any]:
        return {
            name.removeprefix(ROW_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(ROW_PREFIX) and value is not None
        }
