"""Organisations: every record in the system belongs to exactly one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, for example #154273."))


class OrganisationKind(models.TextChoices):
    """What kind of public body the organisation is; it chooses defaults such as the typology."""

    PROVINCE = "province", _("Province")
    MUNICIPALITY = "municipality", _("Municipality")
    WATER_AUTHORITY = "water_authority", _("Water authority")
    SHARED_SERVICE = "shared_service", _("Shared service of several public bodies")
    OTHER = "other", _("Other public organisation")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices)
    slug = models.SlugField(_("web address"), unique=True, help_text=_("Used in the reporting page's address."))
    primary_colour = models.CharField(_("main colour"), max_length=7, default="#154273", validators=[hex_colour])
    logo = models.BinaryField(_("logo"), blank=True, null=True, editable=True)
    logo_content_type = models.CharField(max_length=50, blank=True)
    confidential_adviser_contact = models.TextField(
        _("how to reach the confidential adviser"),
        blank=True,
        help_text=_("Shown on the public reporting page."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class ServedOrganisation(models.Model):
    """A shared service (``OrganisationKind.SHARED_SERVICE``: an external confidential-adviser
    bureau, a regional service) serves this organisation, optionally from ``since`` to ``until``.

    The served organisation's administrator records it (``services.served_organisation_add``):
    the organisation whose counts are shown decides who sees them. The shared service's
    coordinators then see its counts, never its content (``annual_reports.shared_service``)."""

    shared_service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="served", verbose_name=_("shared service")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="served_by", verbose_name=_("organisation served")
    )
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shared_service__name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["shared_service", "organisation"], name="unique_served_organisation"),
            models.CheckConstraint(
                condition=~models.Q(shared_service=models.F("organisation")), name="shared_service_not_itself"
            ),
        ]
        verbose_name = _("organisation served by a shared service")
        verbose_name_plural = _("organisations served by a shared service")

    def __str__(self) -> str:
        return f"{self.shared_service} → {self.organisation}"

    def clean(self) -> None:
        if self.shared_service_id and self.shared_service_id == self.organisation_id:
            raise ValidationError({"shared_service": _("An organisation cannot serve itself.")})
        if self.shared_service_id and self.shared_service.kind != OrganisationKind.SHARED_SERVICE:
            raise ValidationError({"shared_service": _("Only a shared service can serve other organisations.")})
        if self.since and self.until and self.since > self.until:
            raise ValidationError({"until": _("The end date cannot come before the start date.")})

    def serves_in(self, year: int) -> bool:
        """Whether the service served the organisation during (part of) this year."""
        return (self.since is None or self.since.year <= year) and (self.until is None or self.until.year >= year)
