"""The people register (DOMAIN.md §4.5–4.7, ADR 0018): the organisation's units (a tree), its
posts, the people who work there or hold office, their post history and who manages which
units. A person is not always a user: most people in the register never log in.

Names, e-mail and party are personal data and encrypted; they cannot be sorted on in the
database, so lists are ordered by ``sort_key`` (the first letters of the surname) and sorted
exactly within each page in Python (ADR 0018). The HR import keeps it all up to date, keyed
by the personnel number (``external_id``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from open_integriteit.core.models import ReminderClaim
from open_integriteit.encryption.fields import EncryptedTextField


class Unit(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    code = models.CharField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_unit_code")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="posts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="posts", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    salary_scale = models.CharField(_("salary scale"), max_length=20, blank=True)
    designated = models.BooleanField(
        _("designated post"), default=False, help_text=_("Holders must report their financial interests.")
    )
    publication_duty = models.BooleanField(_("publication duty"), default=False)
    # On the list of vulnerable posts the executive adopted (people/vulnerable posts); set and
    # cleared only by the adoption of that list. Mandatory trainings can apply to these posts.
    vulnerable = models.BooleanField(_("vulnerable post"), default=False)
    # Set when the register clerk chose the two duties on the post's page: from then on the
    # HR import leaves them as the clerk set them (ADR 0018, amendment 2026-11).
    duties_set_by_clerk_at = models.DateTimeField(_("duties set by the register clerk on"), null=True, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "title"], name="unique_post_title_per_unit")]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return self.title


class PersonKind(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    HIRED = "hired", _("Hired staff")
    TRAINEE = "trainee", _("Trainee")
    INTERN = "intern", _("Intern")
    TEMP = "temp", _("Temporary worker")
    OFFICIAL = "official", _("Official")


class Office(models.TextChoices):
    COUNCIL_MEMBER = "council_member", _("Council member")
    EXECUTIVE = "executive", _("Alderman or deputy")
    HEAD = "head", _("Mayor or King's commissioner")


class Person(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="people")
    external_id = models.CharField(_("personnel number"), max_length=64)
    kind = models.CharField(_("kind"), max_length=20, choices=PersonKind.choices)
    given_name = EncryptedTextField(_("given name"), blank=True)
    surname = EncryptedTextField(_("surname"))
    email = EncryptedTextField(_("e-mail address"), blank=True)
    sort_key = models.CharField(max_length=2, blank=True, db_index=True)
    office = models.CharField(_("office"), max_length=20, choices=Office.choices, blank=True)
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    party = EncryptedTextField(_("party"), blank=True)
    # Set when the register clerk edited the office, term and party on the person's page: the
    # HR import then leaves them alone while the person is an official (ADR 0018, amendment).
    official_set_by_clerk_at = models.DateTimeField(_("office set by the register clerk on"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sort_key", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "external_id"], name="unique_personnel_number")]
        indexes = [
            models.Index(fields=["organisation", "sort_key", "id"], name="person_sort"),
            # The organisation's officials (the public registers, declarations.publication).
            models.Index(fields=["organisation", "kind", "office"], name="person_kind"),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("The term must end after it starts.")})

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.surname}".strip()

    @property
    def name_for_sorting(self) -> tuple[str, str]:
        return (sort_name(self.surname), self.given_name.casefold())

    def is_active_on(self, day: dt.date) -> bool:
        return self.left_on is None or self.left_on > day


PARTICLES = frozenset({"de", "den", "der", "van", "ter", "ten", "te", "het", "in", "op", "'t", "d'", "la", "le"})


def sort_name(surname: str) -> str:
    """A surname as Dutch lists sort it: without its particles, case and accents folded
    ("van der Berg" sorts as "berg")."""
    from open_integriteit.core.anonymity import fold

    words = surname.split()
    while len(words) > 1 and words[0].casefold() in PARTICLES:
        words = words[1:]
    return fold(" ".join(words))


def make_sort_key(surname: str) -> str:
    return "".join(ch for ch in sort_name(surname) if ch.isalpha())[:2]


class PostHolding(models.Model):
    """A person's post from ``started_on`` until ``ended_on`` (open while current)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="holdings")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="holdings")
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["person", "ended_on"], name="holding_current")]
        verbose_name = _("post held")
        verbose_name_plural = _("posts held")

    def __str__(self) -> str:
        return f"{self.post} ({self.started_on})"


class ManagerOf(models.Model):
    """A person manages a unit and decides for the people in it and in its sub-units."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="managed")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="managers")
    # Added by the register clerk on the person's page, not by the HR file: an import whose
    # file does not name it keeps it (ADR 0018, amendment).
    added_by_clerk = models.BooleanField(_("added by the register clerk"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "unit"], name="unique_manager_of")]
        verbose_name = _("manager of")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.unit_id}"


# --- Vulnerable posts (issue 9) ------------------------------------------------------------
# A checklist per post scores it; the posts at or above the organisation's threshold (or put on
# or off by the clerk, with a reason) form the proposed list; the executive adopts a list, and
# adopting it sets ``Post.vulnerable`` for exactly the posts on it (``people/vulnerable.py``).

REVIEW_YEARS = 4  # an adopted list is reviewed four years after its adoption


class FixedQuestion(models.TextChoices):
    """The questions every organisation asks; its own questions come after them."""

    MONEY = "money", _("Does the post handle money, payments or valuables?")
    SENSITIVE = "sensitive", _("Does the post work with sensitive or confidential information?")
    CONTACTS = "contacts", _("Does the post have frequent contacts with businesses or citizens as clients?")
    PERMITS = "permits", _("Does the post grant permits, subsidies or other decisions with value to others?")
    PROCUREMENT = "procurement", _("Does the post take part in procurement or contracting?")
    ENFORCEMENT = "enforcement", _("Does the post supervise or enforce (inspections, sanctions)?")


FIXED_WEIGHTS = {
    FixedQuestion.MONEY: 2,
    FixedQuestion.SENSITIVE: 1,
    FixedQuestion.CONTACTS: 1,
    FixedQuestion.PERMITS: 2,
    FixedQuestion.PROCUREMENT: 2,
    FixedQuestion.ENFORCEMENT: 2,
}
DEFAULT_THRESHOLD = 3


class VulnerabilitySettings(models.Model):
    """The organisation's threshold: a post whose score reaches it is proposed as vulnerable.
    Without a row the default applies (a read never creates one)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="vulnerability_settings"
    )
    threshold = models.PositiveSmallIntegerField(_("threshold"), default=DEFAULT_THRESHOLD)

    class Meta:
        verbose_name = _("settings of the vulnerable posts")


class VulnerabilityQuestion(models.Model):
    """A question of the checklist: one of the fixed ones (``fixed``) or the organisation's
    own (``text``). A retired question is no longer asked or scored; its answers stay."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="vulnerability_questions"
    )
    fixed = models.CharField(_("fixed question"), max_length=20, choices=FixedQuestion.choices, blank=True)
    text = models.CharField(_("question"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(_("retired on"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fixed"], condition=~models.Q(fixed=""), name="unique_fixed_question"
            )
        ]
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(FixedQuestion(self.fixed).label) if self.fixed else self.text

    def clean(self) -> None:
        super().clean()
        if not self.fixed and not self.text.strip():
            raise ValidationError({"text": _("Enter the question.")})
        if self.weight < 1 or self.weight > 10:
            raise ValidationError({"weight": _("Give a weight from 1 to 10.")})


class Override(models.TextChoices):
    INCLUDE = "include", _("On the list, whatever the score")
    EXCLUDE = "exclude", _("Not on the list, whatever the score")


class PostAssessment(models.Model):
    """The checklist of one post: its answers, and the clerk's override of the score."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="post_assessments"
    )
    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="assessment")
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    override = models.CharField(_("override"), max_length=10, choices=Override.choices, blank=True)
    override_reason = EncryptedTextField(_("reason for the override"), blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "assessed_on"], name="assessment_year")]
        verbose_name = _("assessment of a post")
        verbose_name_plural = _("assessments of posts")

    def __str__(self) -> str:
        return f"{self.post_id} ({self.assessed_on})"

    def clean(self) -> None:
        super().clean()
        if self.override and not self.override_reason.strip():
            raise ValidationError({"override_reason": _("Give the reason for putting the post on or off the list.")})


class PostAnswer(models.Model):
    assessment = models.ForeignKey(PostAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(VulnerabilityQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.BooleanField(_("answer"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="unique_post_answer")]
        verbose_name = _("answer")


class VulnerablePostList(models.Model):
    """A list of vulnerable posts as the executive adopted it. The latest one is in force;
    the earlier ones are its history."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="vulnerable_post_lists"
    )
    adopted_on = models.DateField(_("adopted on"))
    decision_reference = models.CharField(_("decision reference"), max_length=100)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    posts: models.ManyToManyField[Post, VulnerablePostListEntry] = models.ManyToManyField(
        Post, through="VulnerablePostListEntry", related_name="vulnerable_lists"
    )

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "adopted_on"], name="vulnerable_list_date")]
        verbose_name = _("list of vulnerable posts")
        verbose_name_plural = _("lists of vulnerable posts")

    def __str__(self) -> str:
        return f"{self.decision_reference} ({self.adopted_on})"

    @property
    def review_due_on(self) -> dt.date:
        try:
            return self.adopted_on.replace(year=self.adopted_on.year + REVIEW_YEARS)
        except ValueError:  # 29 February
            return self.adopted_on.replace(year=self.adopted_on.year + REVIEW_YEARS, day=28)


class VulnerablePostListEntry(models.Model):
    post_list = models.ForeignKey(VulnerablePostList, on_delete=models.CASCADE, related_name="entries")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="vulnerable_entries")
    # The choice made at adoption: holders of the post must report their financial interests.
    financial_interest_duty = models.BooleanField(_("holders must report financial interests"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post_list", "post"], name="unique_vulnerable_entry")]
        verbose_name = _("post on the list")


class VulnerableReviewReminder(ReminderClaim):
    """The claim-once mail that an adopted list is due for review (``people/vulnerable.py``)."""

    post_list = models.ForeignKey(VulnerablePostList, on_delete=models.CASCADE, related_name="reminders")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post_list", "recipient"], name="unique_vulnerable_review_reminder")
        ]
