"""Questions on integrity dilemmas that reached the coordinator or HR, with the advice given
(DOMAIN.md §4.4). Question and advice are encrypted; only coordinators read them. The
anonymised summary is what the annual report shows and may not carry contact details.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField

from .anonymity import validate_no_contact_details


class ReceivedVia(models.TextChoices):
    COORDINATOR = "coordinator", _("Integrity coordinator")
    HR = "hr", _("HR")
    MANAGER = "manager", _("Manager")
    OTHER = "other", _("Other")


class AdviceTopic(models.TextChoices):
    GIFTS_INVITATIONS = "gifts_invitations", _("Gifts and invitations")
    SIDE_JOBS = "side_jobs", _("Side jobs")
    CONFLICTS_OF_INTEREST = "conflicts_of_interest", _("Conflicts of interest")
    CONFIDENTIAL_INFORMATION = "confidential_information", _("Confidential information")
    SOCIAL_MEDIA = "social_media", _("Social media and online harassment")
    BEHAVIOUR = "behaviour", _("Behaviour")
    OTHER = "other", _("Other")


class AdviceRequest(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="advice_requests"
    )
    date = models.DateField(_("date"), db_index=True)
    received_via = models.CharField(_("received via"), max_length=20, choices=ReceivedVia.choices)
    topic = models.CharField(_("topic"), max_length=30, choices=AdviceTopic.choices)
    question = EncryptedTextField(_("question"))
    advice = EncryptedTextField(_("advice"))
    anonymised_summary = EncryptedTextField(
        _("anonymised summary"),
        validators=[validate_no_contact_details],
        help_text=_("A short text for the annual report. Nothing that leads back to a person."),
    )
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when retention emptied the question and the advice (ADR 0008); the summary stays.
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"])]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_topic_display()}"
