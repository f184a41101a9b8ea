"""Complaints and integrity incidents (DOMAIN.md §4.5–4.7, issue 9).

A complaint is about unwanted behaviour (sexual harassment, aggression and violence,
discrimination, bullying) or another integrity matter; it is handled internally or by an
external complaints committee (its name, e.g. a regional committee or the LKOG). It has a
received date, an outcome class and the date of the decision.

Counted once: a complaint that becomes a case is linked to that case (``case``). The figure
``complaints.complaints`` counts every complaint received, linked or not;
``complaints.complaints_linked`` says how many of them became a case, so the annual report,
which counts the cases apart, does not add those twice (it subtracts or footnotes them).
If the case is destroyed after its retention period the link goes, ``became_case`` stays.

An incident is loss or theft of property, a data breach with an integrity side, misuse of
the organisation's resources or something else; with the action taken (a class and text).
Descriptions and action texts can name people: encrypted, and destroyed a period after the
decision on the complaint or the incident's date (``retention``); what is counted stays.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField


class ComplaintKind(models.TextChoices):
    SEXUAL_HARASSMENT = "sexual_harassment", _("Sexual harassment")
    AGGRESSION = "aggression", _("Aggression and violence")
    DISCRIMINATION = "discrimination", _("Discrimination")
    BULLYING = "bullying", _("Bullying")
    OTHER_UNWANTED = "other_unwanted", _("Other unwanted behaviour")
    INTEGRITY = "integrity", _("Other integrity complaint")


class ComplaintOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    FOUNDED = "founded", _("Founded")
    PARTLY_FOUNDED = "partly_founded", _("Partly founded")
    UNFOUNDED = "unfounded", _("Unfounded")
    NOT_ADMISSIBLE = "not_admissible", _("Not admissible")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SETTLED = "settled", _("Settled or mediated")


class Complaint(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="complaints")
    received_on = models.DateField(_("received on"), db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ComplaintKind.choices)
    external = models.BooleanField(_("handled by an external complaints committee"), default=False)
    committee = models.CharField(_("complaints committee"), max_length=200, blank=True)
    description = EncryptedTextField(_("description"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=ComplaintOutcome.choices, default=ComplaintOutcome.PENDING
    )
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("case"),
    )
    became_case = models.BooleanField(_("became a case"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)  # the description went (``retention``)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "received_on"])]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d} #{self.pk}"


class IncidentKind(models.TextChoices):
    LOSS_OR_THEFT = "loss_or_theft", _("Loss or theft of property")
    DATA_BREACH = "data_breach", _("Data breach with an integrity side")
    MISUSE = "misuse", _("Misuse of resources")
    OTHER = "other", _("Other")


class IncidentAction(models.TextChoices):
    NONE = "none", _("No action")
    CONVERSATION = "conversation", _("Conversation with the employee")
    MEASURE = "measure", _("Disciplinary measure")
    REPORTED = "reported", _("Reported to the police or a supervisor")
    CASE = "case", _("Investigated as a case")
    PROCESS = "process", _("Procedure or security improved")
    OTHER = "other", _("Other")


class Incident(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="incidents")
    date = models.DateField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=IncidentKind.choices)
    description = EncryptedTextField(_("description"))
    action = models.CharField(_("action taken"), max_length=30, choices=IncidentAction.choices)
    action_text = EncryptedTextField(_("action taken, explained"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)  # the texts went (``retention``)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"])]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} #{self.pk}"
