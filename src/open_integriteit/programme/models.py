"""The annual integrity programme (DOMAIN.md §4.5, issue 9): the actions planned for a
year, their owner, theme, planned quarter or deadline, status and outcome. An action not
done is carried to the next year as a copy that links to its origin, so the history of an
action reads across the years ("doorgeschoven naar 2027")."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.encryption.fields import EncryptedTextField

MIN_YEAR = 2000
MAX_YEAR = 2100


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# An action in one of these states is finished: it is not carried to the next year.
FINISHED = frozenset({Status.DONE, Status.CANCELLED})


class Quarter(models.TextChoices):
    Q1 = "q1", _("1st quarter")
    Q2 = "q2", _("2nd quarter")
    Q3 = "q3", _("3rd quarter")
    Q4 = "q4", _("4th quarter")


class Action(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)])
    title = EncryptedTextField(_("title"))
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (person)"),
    )
    owner_text = EncryptedTextField(_("owner"), blank=True)
    theme = EncryptedTextField(_("theme"), blank=True)
    quarter = models.CharField(_("planned quarter"), max_length=2, choices=Quarter.choices, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    outcome = EncryptedTextField(_("outcome"), blank=True)
    # The action of an earlier year this one continues; a one-to-one: an action is carried once.
    carried_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("carried from"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "pk"]
        indexes = [models.Index(fields=["organisation", "year"], name="programme_action_year")]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return str(self.title)

    def clean(self) -> None:
        if self.owner_id is not None and self.owner is not None and self.owner.organisation_id != self.organisation_id:
            raise ValidationError({"owner": _("Choose a person of this organisation.")})
        if self.deadline is not None and self.deadline.year != self.year:
            raise ValidationError({"deadline": _("The deadline falls in the year of the programme.")})

    @property
    def owner_name(self) -> str:
        if self.owner is not None:
            return self.owner.full_name
        return str(self.owner_text)
