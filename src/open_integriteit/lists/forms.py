"""Forms for per-organisation lists: adding an own entry, and the choice field every app uses
to pick an entry (grouped per typology in ``<optgroup>`` where the list has groups)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.forms import StyledFormMixin

from . import registry
from .models import ListEntry


class ListEntryForm(StyledFormMixin, forms.Form):
    name_nl = forms.CharField(
        label=_("Name (Dutch)"), max_length=200, error_messages={"required": _("Enter the Dutch name.")}
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)


class _GroupedIterator(ModelChoiceIterator):
    """Choices per group of the list kind, in the kind's group order; flat for ungrouped lists."""

    field: ListEntryChoiceField

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        kind = registry.get(self.field.kind)
        items = sorted(self.queryset, key=lambda e: (kind.group_order(e.group), e.position, e.pk))
        if not kind.is_grouped:
            yield from (self.choice(entry) for entry in items)
            return
        for group in kind.groups:
            members = [self.choice(entry) for entry in items if entry.group == group.code]
            if members:
                yield (str(group.label), members)


class ListEntryChoiceField(forms.ModelChoiceField):
    """Choose one entry of a list kind; set ``queryset`` from ``lists.selectors``."""

    iterator = _GroupedIterator

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        kwargs.setdefault("queryset", ListEntry.objects.none())
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)
