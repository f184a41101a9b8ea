"""Oath or affirmation, integrity statements and certificates of conduct (DOMAIN.md §4.5–4.7,
issue 9).

- A ceremony (``Ceremony``) is held on a date, in a place, physically or online, by an
  official, for a group. Its participants are people of the register, each with the oath or
  the affirmation (``Participant``; the choice starts empty). A partner organisation's
  ceremony records counts only (its staff are not in our register) and is counted apart.
- A person of a kind that must take the oath is due within ``due_months`` after the start of
  their employment: the earliest start of a post they held (``people.PostHolding``); a person
  who left and came back is due again only when the organisation says so
  (``OnboardingSettings.rehired_due_again``; then the start of the current unbroken run of
  posts counts, and only an oath taken since).
- An integrity statement (hired staff, interns, temps, holiday workers) and a certificate of
  conduct (VOG): only whether it was received, when, and its screening profile. A VOG is
  criminal-record data: there is deliberately no file and no free text here
  (``tests/test_no_certificate_copy.py``).

Retention: statements and certificates are the person's and go with them when the people
register removes a leaver (``people/retention.py``, cascade); a ceremony's pledge stays
without the person, so the figures of earlier years still count it.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.models import ReminderClaim
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.people.models import PersonKind


class Group(models.TextChoices):
    EMPLOYEE = "employee", _("Employees")
    TRAINEE = "trainee", _("Trainees")
    REGISTRY = "registry", _("Registry staff")
    PARTNER = "partner", _("Partner organisation")


class Form(models.TextChoices):
    PHYSICAL = "physical", _("Physically present")
    ONLINE = "online", _("Online")


class Pledge(models.TextChoices):
    OATH = "oath", _("Oath")
    AFFIRMATION = "affirmation", _("Affirmation")


# The person kinds an organisation may put under the duty (officials take their oath in the
# council or the States, not here).
DUTY_KINDS = (PersonKind.EMPLOYEE, PersonKind.TRAINEE, PersonKind.HIRED, PersonKind.INTERN, PersonKind.TEMP)


class OnboardingSettings(models.Model):
    """Who must take the oath or affirmation and how soon; the defaults hold until saved."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="onboarding_settings"
    )
    due_months = models.PositiveSmallIntegerField(
        _("months after the start"), default=2, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    due_employee = models.BooleanField(_("employees"), default=True)
    due_trainee = models.BooleanField(_("trainees"), default=True)
    due_hired = models.BooleanField(_("hired staff"), default=False)
    due_intern = models.BooleanField(_("interns"), default=False)
    due_temp = models.BooleanField(_("temporary workers"), default=False)
    rehired_due_again = models.BooleanField(_("due again after re-hiring"), default=False)

    class Meta:
        verbose_name = _("oath settings")

    def __str__(self) -> str:
        return f"{self.organisation_id}"

    @property
    def kinds_due(self) -> list[str]:
        return [kind.value for kind in DUTY_KINDS if getattr(self, f"due_{kind.value}")]


class Ceremony(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    form = models.CharField(_("physical or online"), max_length=10, choices=Form.choices)
    # The name of the official who administers it (the secretary, the griffier): a name.
    administered_by = EncryptedTextField(_("administered by"))
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    partner_name = models.CharField(_("partner organisation"), max_length=200, blank=True)
    partner_oaths = models.PositiveIntegerField(_("oaths taken"), default=0)
    partner_affirmations = models.PositiveIntegerField(_("affirmations made"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "held_on"], name="ceremony_held")]
        verbose_name = _("ceremony")
        verbose_name_plural = _("ceremonies")

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"

    @property
    def is_partner(self) -> bool:
        return self.group == Group.PARTNER

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.is_partner and not self.partner_name.strip():
            raise ValidationError({"partner_name": _("Give the name of the partner organisation.")})
        if not self.is_partner and (self.partner_name or self.partner_oaths or self.partner_affirmations):
            raise ValidationError(
                {"partner_name": _("A partner organisation and its counts belong to a partner's ceremony only.")}
            )


class Participant(models.Model):
    """A person of the register at a ceremony. The pledge starts empty; only a chosen oath or
    affirmation counts and takes the person off the overdue list. When the person is removed
    from the register (retention) the pledge stays, without them, so earlier years still count."""

    ceremony = models.ForeignKey(Ceremony, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="pledges"
    )
    pledge = models.CharField(_("oath or affirmation"), max_length=12, choices=Pledge.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["ceremony", "person"], name="unique_participant")]
        verbose_name = _("participant")

    def __str__(self) -> str:
        return f"{self.ceremony_id}: {self.person_id}"


class StatementKind(models.TextChoices):
    HIRED = "hired", _("Hired staff")
    INTERN = "intern", _("Intern")
    TEMP = "temp", _("Temporary worker")
    HOLIDAY = "holiday", _("Holiday worker")


KIND_OF_PERSON = {
    PersonKind.HIRED: StatementKind.HIRED,
    PersonKind.INTERN: StatementKind.INTERN,
    PersonKind.TRAINEE: StatementKind.INTERN,
    PersonKind.TEMP: StatementKind.TEMP,
}

SHORT_CODE = RegexValidator(r"^[\w][\w .\-/]*$", _("Use letters, digits, spaces, dots, dashes and slashes only."))


class IntegrityStatement(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="integrity_statements")
    kind = models.CharField(_("signed as"), max_length=10, choices=StatementKind.choices)
    signed_on = models.DateField(_("signed on"))
    version = models.CharField(_("version of the statement"), max_length=20, validators=[SHORT_CODE])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "signed_on"], name="statement_signed")]
        verbose_name = _("integrity statement")

    def __str__(self) -> str:
        return f"{self.person_id} {self.version}"


class CertificateOfConduct(models.Model):
    """A certificate of conduct (VOG): whether it was received, when, and the screening
    profile. No copy and no remarks: it is criminal-record data (issue 9)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="certificates_of_conduct")
    received = models.BooleanField(_("received"), default=False)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    screening_profile = models.CharField(_("screening profile"), max_length=40, validators=[SHORT_CODE])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "received_on"], name="vog_received")]
        verbose_name = _("certificate of conduct")

    def __str__(self) -> str:
        return f"{self.person_id} {self.screening_profile}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.received and self.received_on is None:
            raise ValidationError({"received_on": _("Give the date it was received.")})
        if not self.received and self.received_on is not None:
            raise ValidationError({"received_on": _("A date only when it was received.")})


class OverdueReminder(ReminderClaim):
    """One reminder to a manager about a person overdue for the oath (claim-once)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "due_on", "recipient"], name="unique_oath_overdue_reminder")
        ]
