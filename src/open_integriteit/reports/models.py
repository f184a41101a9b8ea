"""Reports (meldingen) received by the reporting point.

Content fields are EncryptedTextField; the reporter's identity lives in its own table
(``ReporterIdentity``) and is shown to staff only through a logged disclosure.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.models import ReminderClaim
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.encryption.models import EncryptedFile

from .typology import CATEGORIES


class Ground(models.TextChoices):
    MISSTAND = "misstand", _("Suspected wrongdoing in the public interest (misstand)")
    BUSINESS_INTEGRITY = (
        "business_integrity",
        _("Business-integrity violation (fraud, corruption, conflict of interest)"),
    )
    UNWANTED_BEHAVIOUR = (
        "unwanted_behaviour",
        _("Unwanted behaviour (bullying, harassment, discrimination, aggression)"),
    )
    COMPLAINT = "complaint", _("Formal complaint about unwanted behaviour")
    OTHER = "other", _("Other integrity concern")


class ReporterType(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    FORMER_EMPLOYEE = "former_employee", _("Former employee")
    HIRED = "hired", _("Hired or temporary staff")
    TRAINEE = "trainee", _("Trainee or intern")
    SUPPLIER = "supplier", _("Supplier or contractor")
    CITIZEN = "citizen", _("Citizen")
    OTHER = "other", _("Other")


class Anonymity(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous")
    CONFIDENTIAL = "confidential", _("Confidential")
    OPEN = "open", _("Open")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    PHONE = "phone", _("Phone or voice message")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    VIA_ADVISER = "via_adviser", _("Through a confidential adviser")
    VIA_MANAGER = "via_manager", _("Through a manager")


ORAL_CHANNELS = frozenset({Channel.PHONE, Channel.IN_PERSON})


class ReportedElsewhere(models.TextChoices):
    NO = "no", _("No")
    YES = "yes", _("Yes")
    UNKNOWN = "unknown", _("I would rather not say")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged, being assessed")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback given")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    """Why a report outside a case was closed. Without feedback a reason is required."""

    FEEDBACK = "feedback", _("Feedback given to the reporter")
    WITHDRAWN = "withdrawn", _("Withdrawn by the reporter")
    NOT_A_REPORT = "not_a_report", _("Not a report (a test, spam or abuse)")
    FORWARDED = "forwarded", _("Forwarded to the competent organisation")
    DUPLICATE = "duplicate", _("Duplicate of another report")
    OTHER = "other", _("Other reason")


class Report(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="reports")
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    # argon2id(HMAC(pepper, code)) with a deterministic salt: indexable, useless without the pepper.
    receipt_hash = models.CharField(max_length=80, unique=True, null=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
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
    reporter_type = models.CharField(_("reporter"), max_length=30, choices=ReporterType.choices)
    anonymity = models.CharField(_("anonymity"), max_length=20, choices=Anonymity.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)

    what_happened = EncryptedTextField(_("what happened"))
    when_where = EncryptedTextField(_("when and where"), blank=True)
    involved = EncryptedTextField(_("who is involved"), blank=True)
    how_known = EncryptedTextField(_("how the reporter knows"), blank=True)
    reported_elsewhere = models.CharField(
        _("reported elsewhere"), max_length=10, choices=ReportedElsewhere.choices, default=ReportedElsewhere.NO
    )
    reported_elsewhere_detail = EncryptedTextField(_("where else it was reported"), blank=True)

    received_at = models.DateTimeField(_("received"), db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    feedback_at = models.DateTimeField(_("feedback given"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closure_reason = models.CharField(_("reason for closing"), max_length=20, choices=ClosureReason.choices, blank=True)
    closure_explanation = EncryptedTextField(_("explanation"), blank=True)
    destroyed_at = models.DateTimeField(_("destroyed after retention"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.reference


class ReporterIdentity(models.Model):
    """Who reported, kept apart from the report. Only for confidential and open reports."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="identity")
    name = EncryptedTextField(_("name"), blank=True)
    email = EncryptedTextField(_("e-mail address"), blank=True)
    phone = EncryptedTextField(_("phone number"), blank=True)
    notes = EncryptedTextField(_("other contact details"), blank=True)

    class Meta:
        verbose_name = _("reporter identity")


class IdentityDisclosure(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="disclosures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class IdentityGrant(models.Model):
    """A coordinator lets one colleague see the reporter's identity of one report, with a
    reason (ADR 0006). Revoked grants stay as the record of who could see it, and when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identity_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "user"],
                condition=models.Q(revoked_at__isnull=True),
                name="unique_active_identity_grant",
            )
        ]


class MessageKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    QUESTION = "question", _("Question")
    FEEDBACK = "feedback", _("Feedback")
    MESSAGE = "message", _("Message")
    REPORTER_REPLY = "reporter_reply", _("Message from the reporter")


class Message(models.Model):
    """Exchange between the reporting point and the reporter (the reporter's mailbox)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    body = EncryptedTextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    @property
    def from_reporter(self) -> bool:
        return self.kind == MessageKind.REPORTER_REPLY


class Attachment(EncryptedFile):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    filename = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    from_reporter = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class MinutesStatus(models.TextChoices):
    OFFERED = "offered", _("Offered to the reporter")
    APPROVED = "approved", _("Approved by the reporter")
    CORRECTION_REQUESTED = "correction_requested", _("Reporter asked for a correction")


class ApprovalVia(models.TextChoices):
    MAILBOX = "mailbox", _("In the reporter's mailbox")
    SIGNED = "signed", _("Signed on paper")
    IN_PERSON = "in_person", _("Confirmed in person")
    EMAIL = "email", _("Confirmed by e-mail")


class Minutes(models.Model):
    """Minutes of an oral report, offered to the reporter for approval (Wbk)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="minutes")
    text = EncryptedTextField(_("minutes"))
    status = models.CharField(max_length=30, choices=MinutesStatus.choices, default=MinutesStatus.OFFERED)
    version = models.PositiveIntegerField(default=1)
    offered_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_via = models.CharField(max_length=20, choices=ApprovalVia.choices, blank=True)
    reporter_comment = EncryptedTextField(_("reporter's comment"), blank=True)


class Assignment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="unique_report_assignment")]


class Implication(models.Model):
    """A person implicated in a report: never assigned to it, never shown it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="implications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_implications")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="unique_report_implication")]


class ImplicationWithdrawal(models.Model):
    """A mistaken implication taken back: whom it concerned, who marked and who withdrew it,
    and why (encrypted). The person may be assigned again and sees the report again."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="implication_withdrawals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class DeadlineKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    FEEDBACK = "feedback", _("Feedback")


class DeadlineReminder(ReminderClaim):
    """One reminder mail (or the one overdue mail) of a deadline; claimed once (core/reminders.py)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.CharField(max_length=20, choices=DeadlineKind.choices)
    due_at = models.DateTimeField()
    threshold = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "deadline", "due_at", "threshold", "recipient"], name="unique_deadline_reminder"
            )
        ]


class NewReportNotice(ReminderClaim):
    """The one mail to a coordinator that a new report has arrived; claimed once
    (core/reminders.py), so a retried job or a second worker never sends it twice."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="new_report_notices")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "recipient"], name="unique_new_report_notice")]
