"""Survey indicators (DOMAIN.md §4.7): what a staff survey measured, year by year.

An ``Indicator`` is what is measured (its name, unit and the survey question); each
``Measurement`` is its value in one year from one source ("MTO 2022"). Surveys are not
held every year, so a measurement is compared with the previous one, whichever year that
was (``selectors``). Indicators are organisational figures, never about a person.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1990
MAX_YEAR = 2100


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("percentage")
    SCORE = "score", _("score")
    COUNT = "count", _("number")  # the values of figures.registry.Unit, so one formatting serves both


class Indicator(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="survey_indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, choices=IndicatorUnit.choices)
    question = models.CharField(
        _("question"),
        max_length=500,
        blank=True,
        help_text=_("The question of the survey, as the staff read it."),
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_indicator_name")]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)])
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, help_text=_("The survey, e.g. MTO 2022."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="unique_measurement_year")]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"
