"""Earlier years' totals entered by hand (DOMAIN.md §4.7): figures that predate the system.

A year has either records or an entered total for a figure, never both (``services``): the
total replaces the counted figure in ``registry.year_figures`` and is marked as entered.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1990
MAX_YEAR = 2100


class EnteredTotal(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="entered_totals"
    )
    key = models.CharField(_("figure"), max_length=100)  # a Spec.key of an enterable figure
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)])
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    # Optional breakdown, e.g. oaths per group: {"<row key>": number}; row keys as the app's figure uses them.
    breakdown = models.JSONField(_("breakdown"), default=dict, blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the number comes from, e.g. the 2019 annual report."),
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key", "year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key", "year"], name="unique_entered_total")]
        verbose_name = _("entered total")
        verbose_name_plural = _("entered totals")

    def __str__(self) -> str:
        return f"{self.key} {self.year}"
