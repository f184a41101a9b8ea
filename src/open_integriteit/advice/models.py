"""Questions on integrity dilemmas that reached the coordinator or HR, with the advice given
(DOMAIN.md §4.4). Question and advice are encrypted; only coordinators read them. The
anonymised summary is what the annual report shows; it passes the anonymity check
(``core.anonymity``) before it is saved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField

from .topics import ADVICE_TOPICS


class ReceivedVia(models.TextChoices):
    COORDINATOR = "coordinator", _("Integrity coordinator")
    HR = "hr", _("HR")
    MANAGER = "manager", _("Manager")
    OTHER = "other", _("Other")


class AdviceRequest(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="advice_requests"
    )
    date = models.DateField(_("date"), db_index=True)
    received_via = models.CharField(_("received via"), max_length=20, choices=ReceivedVia.choices)
    topic = models.ForeignKey(
        "lists.ListEntry",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": ADVICE_TOPICS.code},
        verbose_name=_("topic"),
    )
    question = EncryptedTextField(_("question"))
    advice = EncryptedTextField(_("advice"))
    anonymised_summary = EncryptedTextField(
        _("anonymised summary"),
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
        return f"{self.date:%Y-%m-%d} {self.topic}"
