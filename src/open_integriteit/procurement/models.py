"""Deviations from the procurement rules and Bibob checks (DOMAIN.md §4.5–4.7, issue 9).

A deviation is a decision to set the organisation's procurement rules aside (a single quote
where a European tender should have applied): its date, subject, amount, the procedure that
should have applied, the reason (a per-organisation list, ``reasons``) and who decided. The
subject, the explanation and who decided can name a party or a person: encrypted.

Bibob checks (Wet Bibob) come as records — one quick scan (risk analysis) or investigation
with its date, field and outcome class — or, for years before the system, as yearly totals
per kind and field: an entered total of the figures app (``procurement.bibob_risk_analyses``
and ``procurement.bibob_investigations``). A year has records or a total of a kind, never
both (``services``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField

from .reasons import REASONS


class Procedure(models.TextChoices):
    """The procedure the organisation's procurement rules prescribed for the purchase."""

    EUROPEAN = "european", _("European public tender")
    NATIONAL = "national", _("National public tender")
    MULTIPLE_PRIVATE = "multiple_private", _("Multiple private quotes")
    SINGLE = "single", _("Single quote")


class Deviation(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="procurement_deviations"
    )
    date = models.DateField(_("date of the decision"), db_index=True)
    subject = EncryptedTextField(_("subject"))
    amount = models.DecimalField(
        _("amount (euros)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    procedure = models.CharField(_("procedure that should have applied"), max_length=30, choices=Procedure.choices)
    reason = models.ForeignKey(
        "lists.ListEntry",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": REASONS.code},
        verbose_name=_("reason"),
    )
    explanation = EncryptedTextField(_("explanation"), blank=True)
    decided_by = EncryptedTextField(_("decided by (name or role)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"])]
        verbose_name = _("procurement deviation")
        verbose_name_plural = _("procurement deviations")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} #{self.pk}"

    def clean(self) -> None:
        if self.reason_id and not self.reason.belongs_to(kind=REASONS.code, organisation_id=self.organisation_id):
            raise ValidationError({"reason": _("Choose a reason of your own organisation.")})


class BibobKind(models.TextChoices):
    RISK_ANALYSIS = "risk_analysis", _("Quick scan (risk analysis)")
    INVESTIGATION = "investigation", _("Bibob investigation")


class BibobField(models.TextChoices):
    PERMITS = "permits", _("Permits")
    REAL_ESTATE = "real_estate", _("Real estate")
    SUBSIDIES = "subsidies", _("Subsidies")
    PROCUREMENT = "procurement", _("Procurement")
    EXPLOITATION = "exploitation", _("Exploitation (catering, events)")
    OTHER = "other", _("Other")


class BibobOutcome(models.TextChoices):
    NO_RISK = "no_risk", _("No risk")
    LESSER = "lesser", _("Lesser degree of danger")
    SERIOUS = "serious", _("Serious degree of danger")
    REFUSED = "refused", _("Refused or withdrawn")
    ONGOING = "ongoing", _("Ongoing")


class BibobCheck(models.Model):
    """One Bibob quick scan or investigation. No names: the applicant is not recorded here."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="bibob_checks"
    )
    date = models.DateField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BibobKind.choices)
    field = models.CharField(_("field"), max_length=20, choices=BibobField.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=BibobOutcome.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"])]
        verbose_name = _("Bibob check")
        verbose_name_plural = _("Bibob checks")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.kind}"
