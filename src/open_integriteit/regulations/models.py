"""The organisation's integrity rules and codes as a register (DOMAIN.md §4.5, issue 9):
what was adopted, by whom and when, the document (an encrypted PDF, like every other
upload) and which earlier version it replaces. A version replaced by a newer one stays in
the register ("vervangen door …"); the current versions are the ones nothing replaces."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.models import ReminderClaim
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.encryption.models import EncryptedFile

DEFAULT_REVIEW_YEARS = 4


class RegulationKind(models.TextChoices):
    STAFF_CODE = "staff_code", _("Code of conduct for staff")
    COUNCIL_CODE = "council_code", _("Code of conduct for council members")
    EXECUTIVE_CODE = "executive_code", _("Code of conduct for the executive")
    REPORTING_PROCEDURE = "reporting_procedure", _("Reporting procedure")
    COMPLAINTS_REGULATION = "complaints_regulation", _("Complaints regulation for unwanted behaviour")
    INVESTIGATION_PROTOCOL = "investigation_protocol", _("Investigation protocol")
    EMAIL_SOCIAL_MEDIA = "email_social_media", _("Protocol for e-mail and social media")
    POLICY_PLAN = "policy_plan", _("Integrity policy plan")
    OTHER = "other", _("Other rules")


class AdoptedBy(models.TextChoices):
    COUNCIL = "council", _("Council or provincial council")
    EXECUTIVE = "executive", _("Executive")
    HEAD = "head", _("Mayor or King's commissioner")
    SECRETARY = "secretary", _("Secretary or director")
    MANAGEMENT = "management", _("Management team")
    OTHER = "other", _("Other")


class Regulation(EncryptedFile):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=RegulationKind.choices)
    title = EncryptedTextField(_("title"))
    audience = EncryptedTextField(_("for whom"), blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=20, choices=AdoptedBy.choices)
    adopted_on = models.DateField(_("adopted on"))
    decision_reference = EncryptedTextField(_("decision reference"), blank=True)
    public = models.BooleanField(_("public"), default=False)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    filename = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-adopted_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "adopted_on"], name="regulation_adopted")]
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")

    def __str__(self) -> str:
        return str(self.title)


class RegulationSettings(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="regulation_settings"
    )
    review_years = models.PositiveSmallIntegerField(
        _("review after (years)"),
        default=DEFAULT_REVIEW_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("A rule or code is due for review this many years after it was adopted."),
    )

    class Meta:
        verbose_name = _("regulation settings")


class ReviewReminder(ReminderClaim):
    """One review reminder per current version, due date and recipient (``core/reminders.py``)."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regulation", "due_on", "recipient"], name="unique_regulation_review")
        ]
