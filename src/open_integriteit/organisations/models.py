"""Organisations: every record in the system belongs to exactly one."""

from __future__ import annotations

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
