"""One table for every per-organisation list: categories, topics, kinds (ADR 0010).

An entry belongs to one organisation and one list kind (``registry``); its code is unique
within that list. Records point at entries with a foreign key limited to their kind, so
a report's category can never be a consultation topic.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import registry


class ListEntry(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="list_entries"
    )
    kind = models.CharField(_("list"), max_length=60)
    group = models.CharField(_("group"), max_length=40, blank=True)
    code = models.SlugField(max_length=60)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "group", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "code"], name="unique_list_entry_code"),
        ]
        indexes = [models.Index(fields=["organisation", "kind", "active"])]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the current language."""
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl

    def belongs_to(self, *, kind: str, organisation_id: int) -> bool:
        return self.kind == kind and self.organisation_id == organisation_id

    def clean(self) -> None:
        try:
            kind = registry.get(self.kind)
        except LookupError:
            raise ValidationError({"kind": _("Unknown list.")}) from None
        if self.group not in kind.group_codes:
            raise ValidationError({"group": _("Unknown group.")})
