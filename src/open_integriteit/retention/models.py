"""What the retention registry stores itself: the periods an organisation chose, and the
files still to remove after their rows were destroyed (ADR 0008)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionPeriod(models.Model):
    """An organisation's own number of months for one registered period (else its default)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("period"), max_length=60)
    months = models.PositiveIntegerField(_("months"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="unique_retention_period")]
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")

    def __str__(self) -> str:
        return f"{self.key}: {self.months}"


class FileTombstone(models.Model):
    """A stored file whose row is gone; the retention run removes the file (resumable)."""

    stored_name = models.CharField(max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.stored_name
