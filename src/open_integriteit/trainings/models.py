"""Trainings and awareness (DOMAIN.md §4.6, issue 9): sessions of a kind with their
participants or a head count, and mandatory trainings with a repeat period.

A session records either the people who took part (from the people register) or, for a
large or anonymous audience such as a campaign or a dilemma game in the canteen, a head
count: exactly one of the two (``services.session_save``). A requirement says that the
people of a post, a unit (with its sub-units), a group, every post on the list of
vulnerable posts, or all staff must have taken part in a session of a kind, once or every
so many months. Compliance is computed, never stored (``compliance``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.models import ReminderClaim
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.people.models import PersonKind

from .kinds import KINDS

MAX_HEAD_COUNT = 100_000


def _check_kind(record: Session | Requirement) -> None:
    if record.kind_id and not record.kind.belongs_to(kind=KINDS.code, organisation_id=record.organisation_id):
        raise ValidationError({"kind": _("Choose a kind of your own organisation.")})


class Session(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="training_sessions"
    )
    kind = models.ForeignKey(
        "lists.ListEntry",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": KINDS.code},
        verbose_name=_("kind"),
    )
    date = models.DateField(_("date"))
    # A title or audience may name a team or a person: encrypted like every free text.
    title = EncryptedTextField(_("title"))
    audience = EncryptedTextField(_("audience"), blank=True)
    head_count = models.PositiveIntegerField(
        _("head count"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_HEAD_COUNT)]
    )
    # How many took part: the head count, or the people linked when it was saved. Kept on the
    # session so the figures stay when the people register removes a leaver (and their links).
    participant_count = models.PositiveIntegerField(_("number of participants"), default=0)
    participants: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "people.Person", through="Participation", related_name="training_sessions", verbose_name=_("participants")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"], name="training_session_date")]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.kind}"

    def clean(self) -> None:
        _check_kind(self)


class Participation(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="training_participations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="unique_training_participation")]
        indexes = [models.Index(fields=["person", "session"], name="training_participation_person")]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.session_id} {self.person_id}"


class Scope(models.TextChoices):
    POST = "post", _("A post")
    UNIT = "unit", _("A unit and its sub-units")
    GROUP = "group", _("A group of people")
    VULNERABLE = "vulnerable", _("All vulnerable posts")
    ALL = "all", _("All staff")


class Requirement(models.Model):
    """A mandatory training: who must follow sessions of which kind, and how often."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="training_requirements"
    )
    kind = models.ForeignKey(
        "lists.ListEntry",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": KINDS.code},
        verbose_name=_("training"),
    )
    scope = models.CharField(_("applies to"), max_length=20, choices=Scope.choices)
    post = models.ForeignKey(
        "people.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("post")
    )
    unit = models.ForeignKey(
        "people.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    person_kind = models.CharField(_("group"), max_length=20, choices=PersonKind.choices, blank=True)
    period_months = models.PositiveSmallIntegerField(
        _("repeat every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty for a training followed once."),
    )
    applies_from = models.DateField(
        _("mandatory from"),
        help_text=_("From this date on, the people it applies to are expected to have followed it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("mandatory training")
        verbose_name_plural = _("mandatory trainings")

    def __str__(self) -> str:
        return str(self.kind)

    def clean(self) -> None:
        _check_kind(self)
        errors: dict[str, Any] = {}
        if self.scope == Scope.POST and self.post_id is None:
            errors["post"] = _("Choose the post.")
        if self.scope == Scope.UNIT and self.unit_id is None:
            errors["unit"] = _("Choose the unit.")
        if self.scope == Scope.GROUP and not self.person_kind:
            errors["person_kind"] = _("Choose the group.")
        if self.post is not None and self.post.organisation_id != self.organisation_id:
            errors["post"] = _("Choose a post of your own organisation.")
        if self.unit is not None and self.unit.organisation_id != self.organisation_id:
            errors["unit"] = _("Choose a unit of your own organisation.")
        if errors:
            raise ValidationError(errors)


class ComplianceReminder(ReminderClaim):
    """One reminder to a manager per person, requirement and due period (``reminders``)."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "person", "due_on", "recipient"], name="unique_training_reminder"
            )
        ]
