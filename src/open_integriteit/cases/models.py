"""Cases (dossiers): one or more reports, or a signal, handled from intake to closure.

Content is encrypted; what the annual report needs as statistics (dates, ground, category,
decision, findings outcomes, measure types, the closing summary) survives retention.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.models import ReminderClaim
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.encryption.models import EncryptedFile
from open_integriteit.reports.models import Ground
from open_integriteit.reports.typology import CATEGORIES

from .workflow import State


class Origin(models.TextChoices):
    REPORT = "report", _("One or more reports")
    SIGNAL = "signal", _("A signal (audit, manager, other)")
    RETALIATION = "retaliation", _("A retaliation complaint by a reporter")


class Decision(models.TextChoices):
    INVESTIGATE = "investigate", _("Investigate")
    INFORMAL = "informal", _("Handle informally")
    REFER = "refer", _("Refer to an external body")
    NO_ACTION = "no_action", _("No further action")


class InvestigatedBy(models.TextChoices):
    INTERNAL = "internal", _("The organisation itself")
    EXTERNAL = "external", _("An external bureau")


class ExternalBody(models.TextChoices):
    COMPLAINTS_COMMITTEE = "complaints_committee", _("National complaints committee for unwanted behaviour (LKOG)")
    WHISTLEBLOWERS_AUTHORITY = "whistleblowers_authority", _("Huis voor Klokkenluiders")
    POLICE = "police", _("Police / Public Prosecution Service")
    OTHER = "other", _("Other external body")


class Outcome(models.TextChoices):
    """The outcome class a retention period is chosen by (ADR 0008)."""

    NO_ACTION = "no_action", _("No further action")
    UNFOUNDED = "unfounded", _("Unfounded or cannot be established")
    INFORMAL = "informal", _("Handled informally")
    REFERRED = "referred", _("Referred")
    FOUNDED = "founded", _("Founded, without disciplinary measures")
    DISCIPLINARY = "disciplinary", _("Founded, with disciplinary or legal measures")


class Case(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.INTAKE)
    title = EncryptedTextField(_("working title"), help_text=_("Short description for staff; no names."))
    signal = EncryptedTextField(_("the signal"), blank=True)
    ground = models.CharField(_("ground"), max_length=30, choices=Ground.choices)
    category = models.ForeignKey(
        "lists.ListEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": CATEGORIES.code},
        verbose_name=_("category"),
    )
    retaliation_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="retaliation_complaints"
    )

    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_at = models.DateTimeField(null=True, blank=True)
    decision_reason = EncryptedTextField(_("reason for the decision"), blank=True)

    investigated_by = models.CharField(_("investigated by"), max_length=10, choices=InvestigatedBy.choices, blank=True)
    external_bureau = models.CharField(_("external bureau"), max_length=200, blank=True)
    bureau_assigned_on = models.DateField(_("assignment date"), null=True, blank=True)
    external_costs = models.DecimalField(_("costs (euro)"), max_digits=10, decimal_places=2, null=True, blank=True)
    external_body = models.CharField(
        _("referred to / handled by"), max_length=30, choices=ExternalBody.choices, blank=True
    )
    external_body_on = models.DateField(_("date of referral"), null=True, blank=True)
    fraud_involved = models.BooleanField(_("fraud involved"), default=False)
    accountant_informed_on = models.DateField(_("accountant informed on"), null=True, blank=True)

    lessons_learned = EncryptedTextField(_("lessons learned"), blank=True)
    summary_year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    summary_principal = models.CharField(_("principal"), max_length=200, blank=True)
    summary_description = EncryptedTextField(_("description"), blank=True)
    summary_object = EncryptedTextField(_("object of investigation"), blank=True)
    summary_findings = EncryptedTextField(_("findings"), blank=True)
    summary_consequence = EncryptedTextField(_("consequence"), blank=True)
    summary_bureau = models.CharField(_("external bureau"), max_length=200, blank=True)
    summary_final_at = models.DateTimeField(null=True, blank=True)

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopened_count = models.PositiveIntegerField(default=0)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["organisation", "state"])]

    def __str__(self) -> str:
        return self.reference


class CaseReport(models.Model):
    """A report grouped into a case. A report belongs to at most one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_reports")
    report = models.OneToOneField("reports.Report", on_delete=models.PROTECT, related_name="case_link")
    added_at = models.DateTimeField(auto_now_add=True)


class CaseAssignment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="unique_case_assignment")]


class CaseImplication(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="implications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_implications")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="unique_case_implication")]


class CaseImplicationWithdrawal(models.Model):
    """A mistaken implication in a case taken back, with the reason (encrypted)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="implication_withdrawals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class PartyRole(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    SUBJECT = "subject", _("Person the case is about")
    WITNESS = "witness", _("Witness")
    OTHER = "other", _("Other party")


class Party(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role in the case"), max_length=20, choices=PartyRole.choices)
    name = EncryptedTextField(_("name"), blank=True)
    function = EncryptedTextField(_("position"), blank=True)
    email = EncryptedTextField(_("e-mail address"), blank=True)
    phone = EncryptedTextField(_("phone number"), blank=True)
    report = models.ForeignKey(
        "reports.Report", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("report")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} #{self.pk}"


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RetaliationRisk(models.Model):
    """ISO 37002 triage: the risk of retaliation for the reporter, assessed at intake."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_assessments")
    level = models.CharField(_("risk of retaliation"), max_length=10, choices=RiskLevel.choices)
    notes = EncryptedTextField(_("considerations"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_at"]


class Assessment(models.Model):
    """Onderzoekswaardigheid: can the report be investigated, and should it be?"""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    investigable = models.BooleanField(_("investigable"))
    reasoning = EncryptedTextField(_("reasoning"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_at"]


class ProtectiveMeasure(models.Model):
    """Protection of the reporter; followed up after the case closes, with reminders."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="protective_measures")
    description = EncryptedTextField(_("measure"))
    started_on = models.DateField(_("from"))
    follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "pk"]


class ProtectionReminder(ReminderClaim):
    """One follow-up reminder of a protective measure; claimed once (core/reminders.py)."""

    measure = models.ForeignKey(ProtectiveMeasure, on_delete=models.CASCADE, related_name="reminders")
    follow_up_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["measure", "follow_up_on", "recipient"], name="unique_protection_reminder")
        ]


class Allegation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    description = EncryptedTextField(_("allegation"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class FindingOutcome(models.TextChoices):
    FOUNDED = "founded", _("Founded")
    PARTLY_FOUNDED = "partly_founded", _("Partly founded")
    UNFOUNDED = "unfounded", _("Unfounded")
    CANNOT_BE_ESTABLISHED = "cannot_be_established", _("Cannot be established")


class Finding(models.Model):
    allegation = models.OneToOneField(Allegation, on_delete=models.CASCADE, related_name="finding")
    outcome = models.CharField(_("finding"), max_length=30, choices=FindingOutcome.choices)
    explanation = EncryptedTextField(_("explanation"), blank=True)
    established_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    established_at = models.DateTimeField(auto_now=True)


class Hearing(models.Model):
    """One hearing (hoor en wederhoor): who, when, a summary, documents and the reaction."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="hearings", verbose_name=_("heard person"))
    held_on = models.DateField(_("date"))
    heard_by = EncryptedTextField(_("heard by"))
    summary = EncryptedTextField(_("summary"))
    reaction = EncryptedTextField(_("reaction of the heard person"), blank=True)
    documents: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "CaseDocument", blank=True, related_name="hearings", verbose_name=_("documents")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]


class MeasureKind(models.TextChoices):
    AGREEMENTS = "agreements", _("Agreements with the employee")
    COACHING = "coaching", _("Coaching")
    TEAM_PROGRAMME = "team_programme", _("Team or culture programme")
    TRAINING = "training", _("Training")
    WRITTEN_REPRIMAND = "written_reprimand", _("Written reprimand")
    SUSPENSION = "suspension", _("Suspension")
    TRANSFER = "transfer", _("Transfer")
    DISMISSAL = "dismissal", _("Dismissal")
    END_HIRED_CONTRACT = "end_hired_contract", _("Ending a hired contract")
    POLICE_REPORT = "police_report", _("Report to the police")
    OTHER = "other", _("Other")


DISCIPLINARY_MEASURES = frozenset(
    {
        MeasureKind.WRITTEN_REPRIMAND,
        MeasureKind.SUSPENSION,
        MeasureKind.TRANSFER,
        MeasureKind.DISMISSAL,
        MeasureKind.END_HIRED_CONTRACT,
        MeasureKind.POLICE_REPORT,
    }
)


class Measure(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("kind of measure"), max_length=30, choices=MeasureKind.choices)
    description = EncryptedTextField(_("description"), blank=True)
    party = models.ForeignKey(Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decided_on", "pk"]


class CaseDocument(EncryptedFile):
    """A versioned, encrypted document on a case. Versions share a ``series``."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    series = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)
    title = EncryptedTextField(_("title"))
    filename = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["series", "-version"]
        constraints = [models.UniqueConstraint(fields=["case", "series", "version"], name="unique_document_version")]


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
