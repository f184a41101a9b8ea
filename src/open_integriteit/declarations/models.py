"""The declaration registers (DOMAIN.md §4.5–4.7): side jobs, financial interests and gifts
or invitations that the people in the register declare themselves, the decisions on them
(``declarations.workflow``), the answers "nothing to declare" and "nothing changed", and each
organisation's register settings.

Everything a person writes is personal data and encrypted; the fields the public register
and the statistics need as plain values (kind, state, dates, paid, value band, the
destination of a gift) are codes or numbers, on the reviewed allow-list of
``encryption/tests/test_plaintext_fields.py``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField

from .workflow import State


class Kind(models.TextChoices):
    SIDE_JOB = "side_job", _("Side job")
    FINANCIAL_INTEREST = "financial_interest", _("Financial interest")
    GIFT = "gift", _("Gift or invitation")


class InterestKind(models.TextChoices):
    SHARES = "shares", _("Shares or bonds")
    REAL_ESTATE = "real_estate", _("Real estate")
    LOAN = "loan", _("Loan or debt")
    BUSINESS = "business", _("Share in a business")
    OTHER = "other", _("Other")


class ValueBand(models.TextChoices):
    UP_TO_10K = "lt10k", _("Up to €10,000")
    UP_TO_50K = "lt50k", _("€10,000 to €50,000")
    UP_TO_250K = "lt250k", _("€50,000 to €250,000")
    ABOVE_250K = "gt250k", _("Above €250,000")


class GiftDestination(models.TextChoices):
    RETURNED = "returned", _("Returned to the giver")
    KEPT = "kept", _("Kept by the organisation")
    RAFFLED = "raffled", _("Raffled among staff")
    CHARITY = "charity", _("Given to charity")
    SHARED = "shared", _("Shared in the team (perishable)")


class Declaration(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="declarations"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="declarations")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    #: The post the person held when they submitted (the register of designated posts names
    #: the post, not the person).
    post = models.ForeignKey(
        "people.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="declarations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = EncryptedTextField(_("reason"), blank=True)
    restriction = EncryptedTextField(_("restriction"), blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)

    # A side job.
    body = EncryptedTextField(_("employer or body"), blank=True)
    role = EncryptedTextField(_("role"), blank=True)
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours a month"), null=True, blank=True, validators=[MaxValueValidator(744)]
    )
    paid = models.BooleanField(_("paid"), null=True, blank=True)
    by_virtue_of_office = models.BooleanField(
        _("by virtue of office (q.q.)"), default=False, help_text=_("Held because of the public office.")
    )
    relation_to_work = EncryptedTextField(_("relation to own work"), blank=True)

    # A financial interest.
    interest_kind = models.CharField(_("kind of interest"), max_length=20, choices=InterestKind.choices, blank=True)
    description = EncryptedTextField(_("description"), blank=True)
    value_band = models.CharField(_("value"), max_length=10, choices=ValueBand.choices, blank=True)

    # A gift or invitation.
    giver = EncryptedTextField(_("giver"), blank=True)
    occasion = EncryptedTextField(_("occasion"), blank=True)
    is_invitation = models.BooleanField(_("invitation"), default=False)
    estimated_value = models.DecimalField(
        _("estimated value (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    received_on = models.DateField(_("date"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)
    handed_in_on = models.DateField(_("handed in on"), null=True, blank=True)
    destination = models.CharField(_("destination"), max_length=20, choices=GiftDestination.choices, blank=True)
    destination_note = EncryptedTextField(_("note on the destination"), blank=True)
    destination_recorded_at = models.DateTimeField(null=True, blank=True)
    destination_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "kind", "state"], name="declaration_register"),
            models.Index(fields=["person", "kind", "state"], name="declaration_person"),
            models.Index(fields=["organisation", "state", "submitted_at"], name="declaration_queue"),
            # The public register of posts with publication duty (declarations.publication).
            models.Index(fields=["post", "kind", "state"], name="declaration_post"),
        ]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class DeclarationEvent(models.Model):
    """Each transition of a declaration, with its reason: the declarant's history of every
    decision, and the history of what was published when."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(max_length=30)
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    reason = EncryptedTextField(_("reason"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["declaration", "at"], name="declaration_event")]

    def __str__(self) -> str:
        return f"{self.declaration_id}: {self.from_state} → {self.to_state}"


class Answer(models.TextChoices):
    NOTHING_TO_DECLARE = "nothing_to_declare", _("Nothing to declare")
    NOTHING_CHANGED = "nothing_changed", _("Nothing changed")


class NilReturn(models.Model):
    """ "Nothing to declare" or "nothing changed": an answer that counts and is recorded."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="nil_returns")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    answered_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-answered_at", "-pk"]
        indexes = [models.Index(fields=["person", "kind", "answered_at"], name="nil_return_person")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind}: {self.answer}"


class RegisterSettings(models.Model):
    """An organisation's choices for its registers; one row, created with defaults."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="register_settings"
    )
    gift_threshold = models.DecimalField(
        _("gift threshold (€)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("50.00"),
        help_text=_("Gifts above this value are handed in."),
    )
    decision_reminder_days = models.PositiveSmallIntegerField(
        _("remind the decider after (days)"), default=14, validators=[MinValueValidator(1)]
    )
    decision_escalation_days = models.PositiveSmallIntegerField(
        _("escalate to the coordinator after (days)"), default=28, validators=[MinValueValidator(1)]
    )
    publication_history_months = models.PositiveSmallIntegerField(
        _("ended records stay in the published history (months)"), default=12
    )
    council_clerk = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("council clerk (decides for council members)"),
    )
    executive_secretary = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretary (decides for the executive and the mayor or King's commissioner)"),
    )

    class Meta:
        verbose_name = _("register settings")

    def __str__(self) -> str:
        return f"register settings {self.organisation_id}"
