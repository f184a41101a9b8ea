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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.models import ReminderClaim
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
            # A person's declarations of a kind, and the public registers of officials: the
            # columns their scope, order and last change read, so the database reads the index only.
            models.Index(
                fields=["person", "kind", "state", "ends_on", "starts_on", "updated_at"],
                name="declaration_person_public",
            ),
            models.Index(fields=["organisation", "state", "submitted_at"], name="declaration_queue"),
            # The public register of posts with publication duty (declarations.publication).
            models.Index(
                fields=["post", "kind", "state", "ends_on", "person", "updated_at"], name="declaration_post_public"
            ),
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


class DecisionReminderKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder to the decider")
    ESCALATION = "escalation", _("Escalation to the coordinator")


class DecisionReminder(ReminderClaim):
    """The one reminder to a decider, and the one escalation to a coordinator, of a
    declaration waiting for its decision; claimed once (``core/reminders.py``,
    ``declarations/reminders.py``). A declaration is submitted only once, so the
    declaration, the kind and the recipient are the claim."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=DecisionReminderKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["declaration", "kind", "recipient"], name="unique_decision_reminder")
        ]


# --- Update rounds (ADR 0023) -------------------------------------------------------------


class RoundKind(models.TextChoices):
    OFFICIALS = "officials", _("Officials (March and September)")
    GIFTS = "gifts", _("Gifts of officials (each quarter)")
    EVERYONE = "everyone", _("Everyone (yearly)")


#: The months in which a kind of round opens, and what it asks, unless the organisation
#: sets other months (``RoundDefaults``).
DEFAULT_ROUND_MONTHS = {
    RoundKind.OFFICIALS: "3,9",
    RoundKind.GIFTS: "1,4,7,10",
    RoundKind.EVERYONE: "1",
}
DEFAULT_ROUND_ASKS = {
    RoundKind.OFFICIALS: [Kind.SIDE_JOB, Kind.FINANCIAL_INTEREST],
    RoundKind.GIFTS: [Kind.GIFT],
    RoundKind.EVERYONE: [Kind.SIDE_JOB, Kind.FINANCIAL_INTEREST],
}


class RoundDefaults(models.Model):
    """An organisation's default dates for its update rounds: the months in which each kind
    of round opens (a comma-separated list of month numbers), how long a round stays open and
    how many days before the due date the worker reminds. One row, created with defaults; a
    round copies what it needs when it starts."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="round_defaults"
    )
    officials_months = models.CharField(
        _("officials' rounds open in"), max_length=40, default=DEFAULT_ROUND_MONTHS[RoundKind.OFFICIALS]
    )
    gifts_months = models.CharField(
        _("gift rounds open in"), max_length=40, default=DEFAULT_ROUND_MONTHS[RoundKind.GIFTS]
    )
    everyone_months = models.CharField(
        _("rounds for everyone open in"), max_length=40, default=DEFAULT_ROUND_MONTHS[RoundKind.EVERYONE]
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer"), default=42, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before the due date"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("defaults of the update rounds")

    def __str__(self) -> str:
        return f"round defaults {self.organisation_id}"

    def months(self, kind: str) -> list[int]:
        raw = getattr(self, f"{kind}_months", "") or DEFAULT_ROUND_MONTHS[RoundKind(kind)]
        return sorted({int(part) for part in raw.split(",") if part.strip().isdigit() and 1 <= int(part) <= 12})


class UpdateRound(models.Model):
    """A round in which the register clerk asks the people in scope to declare, or to answer
    "nothing changed" (``declarations/rounds.py``). Closing it keeps its figures."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="update_rounds"
    )
    kind = models.CharField(_("kind of round"), max_length=20, choices=RoundKind.choices)
    #: The declaration kinds the round asks about, comma-separated codes of ``Kind``.
    asks = models.CharField(_("asks about"), max_length=100)
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    reminder_days_before = models.PositiveSmallIntegerField(_("remind this many days before the due date"), default=7)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    last_reminder_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The figures kept at closing: counts only, no names.
    scope_count = models.PositiveIntegerField(null=True, blank=True)
    completed_count = models.PositiveIntegerField(null=True, blank=True)
    #: Per unit: [{"unit_id": …, "unit": name, "in_scope": n, "completed": n}, …].
    unit_figures = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "closed_at", "opens_on"], name="update_round_open")]
        verbose_name = _("update round")
        verbose_name_plural = _("update rounds")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.opens_on}"

    @property
    def asked_kinds(self) -> list[str]:
        return [code for code in self.asks.split(",") if code in Kind.values]

    @property
    def asked_kind_labels(self) -> list[str]:
        labels = dict(Kind.choices)
        return [str(labels[code]) for code in self.asked_kinds]

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def has_opened(self) -> bool:
        return self.opens_on <= timezone.localdate()


class RoundStage(models.TextChoices):
    START = "start", _("At the start")
    BEFORE_DUE = "before_due", _("Before the due date")
    LAST = "last", _("Last reminder")


class RoundReminder(ReminderClaim):
    """One reminder of a round to one person's account, claimed once (``core/reminders.py``)."""

    round = models.ForeignKey(UpdateRound, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=20, choices=RoundStage.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "stage", "recipient"], name="unique_round_reminder")]


class PublicationVersion(models.Model):
    """What an organisation's public registers show, as one number (ADR 0022, amendment): a new
    random number whenever something they show may have changed. The pre-built pages' keys
    and the CSV and JSON files are kept under it (``publication_store``), so a change makes
    them be built again on the next request. Random rather than counted: a number is never
    used twice, not even after a restore or a rolled-back transaction."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField()
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"publication {self.organisation_id}: {self.version}"
