"""The annual integrity report (DOMAIN.md §4.8, issue 10).

A report covers one year or a range (a combined two-year report is normal) and starts as a
draft with the sections of its organisation's template (``TemplateChapter``, the defaults in
``chapters.py``). The narrative of a section is written by the coordinator and may name
people before the privacy guard has looked at it: it is encrypted like case content.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.encryption.models import EncryptedFile

MIN_YEAR = 1990
MAX_YEAR = 2100
DEFAULT_SMALL_COUNT = 5


class ReportSettings(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="annual_report_settings"
    )
    small_count_threshold = models.PositiveSmallIntegerField(
        _("smallest count shown in a breakdown"),
        default=DEFAULT_SMALL_COUNT,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("A breakdown cell below this number could point at a person and is flagged before adoption."),
    )

    class Meta:
        verbose_name = _("annual report settings")
        verbose_name_plural = _("annual report settings")


class TemplateChapter(models.Model):
    """One chapter of an organisation's report template: a default one (``key`` of
    ``chapters.DEFAULT_CHAPTERS``) or the organisation's own (``key`` starts with ``own-``)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="annual_report_chapters"
    )
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"))
    enabled = models.BooleanField(_("included"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="unique_template_chapter")]
        verbose_name = _("chapter of the template")
        verbose_name_plural = _("chapters of the template")

    def __str__(self) -> str:
        return self.title


class ReportState(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    PUBLISHED = "published", _("published")


class AnnualReport(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="annual_reports"
    )
    first_year = models.PositiveIntegerField(
        _("first year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    last_year = models.PositiveIntegerField(
        _("last year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    # A corrected version made from an adopted report; both stay listed.
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections", verbose_name=_("corrects")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    # When making the files of an adopted report last failed (``tasks.render_files``);
    # cleared when they are queued again (``services.report_render_again``).
    render_failed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The document as adopted (document.as_dict): every output of an adopted report is made
    # from this copy, so later data, retention and template changes leave it alone.
    # Encrypted (JSON text) like the narrative it holds, until it is published.
    frozen_document = EncryptedTextField(blank=True, editable=False)

    class Meta:
        ordering = ["-last_year", "-first_year", "-pk"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self) -> str:
        return self.title

    @property
    def frozen(self) -> dict[str, Any] | None:
        return json.loads(self.frozen_document) if self.frozen_document else None

    @frozen.setter
    def frozen(self, value: dict[str, Any] | None) -> None:
        self.frozen_document = json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else ""

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def clean(self) -> None:
        if self.first_year and self.last_year and self.first_year > self.last_year:
            raise ValidationError({"last_year": _("The last year cannot come before the first year.")})
        if self.first_year and self.last_year and self.last_year - self.first_year > 4:
            raise ValidationError({"last_year": _("A report covers at most five years.")})


class Section(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"))
    enabled = models.BooleanField(_("included"), default=True)
    narrative = EncryptedTextField(_("text"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="unique_report_section")]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class FlagAcceptance(models.Model):
    """A flag of the privacy guard accepted with a reason (``privacy.py``). A flag that is
    solved instead (the text changed, the cell grew) simply stops being raised."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="accepted_flags")
    code = models.CharField(max_length=200)
    reason = EncryptedTextField(_("reason"))
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["accepted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "code"], name="unique_flag_acceptance")]


class ReportFile(EncryptedFile):
    """One output of an adopted report (``render.FORMATS``), made once from its frozen
    document by the background worker and kept unchanged: what is downloaded later is
    byte for byte what was made at adoption."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="unique_report_file")]
