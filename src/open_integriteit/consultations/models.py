"""The confidential advisers' contact log (DOMAIN.md §4.3).

Nothing here names a person: a contact is a date, a topic, a number of conversations,
whether it led to a formal report and where the adviser referred to. There is no free
text on purpose — free text invites names. An adviser sees only their own log; the
coordinator sees counts only (``selectors.consultation_counts``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .topics import TOPICS

MIN_YEAR = 2000
MAX_YEAR = 2100


class AdviserKind(models.TextChoices):
    INTERNAL = "internal", _("Internal confidential adviser")
    EXTERNAL = "external", _("External service")


class Adviser(models.Model):
    """An internal confidential adviser, or an external service (e.g. a bureau serving several
    municipalities). ``user`` is the account that keeps this adviser's log."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="advisers")
    kind = models.CharField(_("kind"), max_length=20, choices=AdviserKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adviser_profiles",
        verbose_name=_("account"),
    )
    display_name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "display_name"]
        constraints = [
            # One log per account: an account keeps the log of at most one adviser.
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(user__isnull=False), name="unique_adviser_user"
            ),
        ]
        verbose_name = _("confidential adviser")
        verbose_name_plural = _("confidential advisers")

    def __str__(self) -> str:
        return self.display_name


class Referral(models.TextChoices):
    NONE = "none", _("No referral")
    COORDINATOR = "coordinator", _("Reporting point / integrity coordinator (meldpunt)")
    HR = "hr", _("HR")
    COMPANY_DOCTOR = "company_doctor", _("Company doctor (bedrijfsarts)")
    MANAGER = "manager", _("Manager")
    WHISTLEBLOWERS_AUTHORITY = "whistleblowers_authority", _("Huis voor Klokkenluiders")
    POLICE = "police", _("Police")
    OTHER_EXTERNAL = "other_external", _("Other external body")


def _check_same_organisation(record: Contact | YearTotal) -> None:
    errors = {}
    if record.adviser_id and record.adviser.organisation_id != record.organisation_id:
        errors["adviser"] = _("Choose an adviser of your own organisation.")
    if record.topic_id and not record.topic.belongs_to(kind=TOPICS.code, organisation_id=record.organisation_id):
        errors["topic"] = _("Choose a topic of your own organisation.")
    if errors:
        raise ValidationError(errors)


class Contact(models.Model):
    """One contact with someone who came to the adviser. No names, no free text."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="consultation_contacts"
    )
    adviser = models.ForeignKey(Adviser, on_delete=models.PROTECT, related_name="contacts")
    date = models.DateField(_("date"), db_index=True)
    topic = models.ForeignKey(
        "lists.ListEntry",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": TOPICS.code},
        verbose_name=_("topic"),
    )
    conversations = models.PositiveIntegerField(
        _("number of conversations"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    led_to_report = models.BooleanField(_("led to a formal report"), default=False)
    referral = models.CharField(_("referral"), max_length=30, choices=Referral.choices, default=Referral.NONE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"])]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.topic}"

    def clean(self) -> None:
        _check_same_organisation(self)


class YearTotal(models.Model):
    """The yearly totals per topic of an external service that does not log contact by contact."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="consultation_year_totals"
    )
    adviser = models.ForeignKey(Adviser, on_delete=models.PROTECT, related_name="year_totals")
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)])
    topic = models.ForeignKey(
        "lists.ListEntry",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": TOPICS.code},
        verbose_name=_("topic"),
    )
    contacts = models.PositiveIntegerField(_("contacts"), validators=[MaxValueValidator(99999)])
    conversations = models.PositiveIntegerField(_("conversations"), validators=[MaxValueValidator(99999)])
    led_to_report = models.PositiveIntegerField(
        _("contacts that led to a formal report"), default=0, validators=[MaxValueValidator(99999)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "topic__position"]
        constraints = [
            models.UniqueConstraint(fields=["adviser", "year", "topic"], name="unique_consultation_year_total"),
        ]
        verbose_name = _("year total")
        verbose_name_plural = _("year totals")

    def __str__(self) -> str:
        return f"{self.year} {self.topic}"

    def clean(self) -> None:
        _check_same_organisation(self)
        if self.contacts is not None and self.conversations is not None and self.led_to_report is not None:
            errors = year_total_errors(
                contacts=self.contacts, conversations=self.conversations, led_to_report=self.led_to_report
            )
            if errors:
                raise ValidationError(errors)


def year_total_errors(*, contacts: int, conversations: int, led_to_report: int) -> dict[str, str]:
    """The numbers of a year total must fit together (shared by the model and the form)."""
    errors: dict[str, str] = {}
    if contacts == 0 and conversations > 0:
        errors["contacts"] = str(_("Enter the number of contacts these conversations belong to."))
    elif conversations < contacts:
        errors["conversations"] = str(
            _("Every contact has at least one conversation: enter at least the number of contacts.")
        )
    if led_to_report > contacts:
        errors["led_to_report"] = str(_("This cannot be more than the number of contacts."))
    return errors
