"""The form of the retention periods: one number of months per registered period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from . import registry


def field_name(key: str) -> str:
    return key.replace(".", "-")


class PeriodsForm(StyledFormMixin, forms.Form):
    """Built by ``periods_form``: the fields are the registered periods."""

    def grouped(self) -> list[tuple[registry.Policy, list[forms.BoundField]]]:
        """The fields per policy, for a fieldset each on the page."""
        return [
            (policy, [self[field_name(period.key)] for period in policy.periods])
            for policy in registry.policies()
            if policy.periods
        ]

    def months(self) -> dict[str, int]:
        return {key: self.cleaned_data[field_name(key)] for key in registry.periods()}


def periods_form(data: Any = None, *, current: dict[str, int]) -> PeriodsForm:
    fields = {
        field_name(key): forms.IntegerField(
            label=period.label,
            min_value=registry.MIN_MONTHS,
            max_value=registry.MAX_MONTHS,
            initial=current[key],
            help_text=_("Months. Default: %(months)d.") % {"months": period.default_months},
            error_messages={"required": _("Enter a number of months."), "invalid": _("Enter a whole number.")},
        )
        for key, period in registry.periods().items()
    }
    form_class = type("PeriodsForm", (PeriodsForm,), fields)
    return form_class(data)
