from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin


class SearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        help_text=_("A reference (M-… or Z-…) or words from the text; every word must occur."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
