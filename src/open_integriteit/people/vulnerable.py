"""Vulnerable posts (issue 9): the checklist per post, its score against the organisation's
threshold, the proposed list, and the list the executive adopted.

- The checklist has the fixed questions (``FixedQuestion``, each with a default weight) and the
  organisation's own, which the clerk adds, reorders and retires. A fixed question gets its
  row on the first write that needs it; a read never creates one.
- A post's score is the sum of the weights of the questions still asked that were answered
  yes; at or above the threshold it is proposed, unless the clerk put it off the list (or on
  it, below the threshold) with a reason.
- Adopting the list records the executive's decision (date, reference) with the posts then
  proposed, and in one transaction sets ``Post.vulnerable`` for exactly those posts and clears
  it for the others; per post on the list the clerk may switch on the financial-interest
  duty (``Post.designated``, kept by the HR import: ADR 0018, amendment).
- Four years after its adoption the list in force is due for review: a notice on the page and
  one mail to each coordinator and register clerk (daily job ``vulnerable-review-reminders``).

Reads are scoped by ``access.people`` (404, never 403); writes check the clerk's role again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import people as access
from open_integriteit.audit.services import audit_log
from open_integriteit.core.formatting import long_date
from open_integriteit.core.reminders import Mail, absolute_url, remind_once

from .models import (
    DEFAULT_THRESHOLD,
    FIXED_WEIGHTS,
    FixedQuestion,
    Override,
    Post,
    PostAnswer,
    PostAssessment,
    VulnerabilityQuestion,
    VulnerabilitySettings,
    VulnerablePostList,
    VulnerablePostListEntry,
    VulnerableReviewReminder,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation

REVIEW_SOON_DAYS = 90  # the notice "review due soon" shows this many days before the date
FIXED_ORDER = {code: index for index, code in enumerate(FixedQuestion.values)}


# --- Reads ------------------------------------------------------------------------------------


def question_key(question: VulnerabilityQuestion) -> str:
    """A question's key in forms and answers: the fixed code, or the own question's id."""
    return question.fixed or str(question.pk)


def _ordered(questions: Iterable[VulnerabilityQuestion]) -> list[VulnerabilityQuestion]:
    return sorted(
        questions,
        key=lambda q: (0, FIXED_ORDER[q.fixed], 0) if q.fixed else (1, q.position, q.pk or 0),
    )


def checklist_questions(*, organisation_id: int, retired: bool = False) -> list[VulnerabilityQuestion]:
    """The questions asked (the fixed ones first, then the organisation's own in its order);
    with ``retired`` the retired ones too. A fixed question without its row yet is given
    unsaved, with its default weight."""
    rows = list(VulnerabilityQuestion.objects.filter(organisation_id=organisation_id))
    present = {q.fixed for q in rows if q.fixed}
    rows += [
        VulnerabilityQuestion(organisation_id=organisation_id, fixed=code, weight=FIXED_WEIGHTS[FixedQuestion(code)])
        for code in FixedQuestion.values
        if code not in present
    ]
    return _ordered(q for q in rows if retired or q.retired_at is None)


def threshold_of(organisation_id: int) -> int:
    found = VulnerabilitySettings.objects.filter(organisation_id=organisation_id).values_list("threshold", flat=True)
    return next(iter(found), DEFAULT_THRESHOLD)


@dataclass(frozen=True)
class Scored:
    """A post with its checklist: the score, whether the score proposes it, and whether it is
    on the proposed list (the score, or the clerk's override)."""

    post: Post
    assessment: PostAssessment | None
    score: int
    proposed_by_score: bool

    @property
    def on_proposed_list(self) -> bool:
        override = self.assessment.override if self.assessment else ""
        if override == Override.INCLUDE:
            return True
        if override == Override.EXCLUDE:
            return False
        return self.proposed_by_score


def score(assessment: PostAssessment | None, weights: Mapping[int, int]) -> int:
    """The sum of the weights of the asked questions (``weights``: id → weight) answered yes;
    the answers must be prefetched."""
    if assessment is None:
        return 0
    return sum(weights.get(a.question_id, 0) for a in assessment.answers.all() if a.answer)


def _scored(posts: Iterable[Post], organisation_id: int) -> list[Scored]:
    weights = {q.pk: q.weight for q in checklist_questions(organisation_id=organisation_id) if q.pk}
    threshold = threshold_of(organisation_id)
    result = []
    for post in posts:
        assessment = getattr(post, "assessment", None)
        points = score(assessment, weights)
        result.append(Scored(post, assessment, points, assessment is not None and points >= threshold))
    return result


def _posts_with_assessments(posts: Any) -> Any:
    return (
        posts.select_related("unit", "assessment")
        .prefetch_related(Prefetch("assessment__answers", queryset=PostAnswer.objects.all()))
        .order_by("unit__name", "title", "pk")
    )


def require_view(*, user: Any) -> None:
    if not access.can_view_vulnerable_posts(user):
        raise Http404


def require_assessor(*, user: Any) -> None:
    if not access.can_assess_posts(user, getattr(user, "organisation_id", None)):
        raise Http404


def scored_posts_for_user(*, user: Any) -> list[Scored]:
    """The posts the user sees (all of the organisation, or a manager's units) with their
    checklist and score, in a constant number of queries."""
    require_view(user=user)
    return _scored(_posts_with_assessments(access.posts_visible_to(user)), user.organisation_id)


def scored_post_for_user(*, user: Any, pk: int) -> Scored:
    require_view(user=user)
    posts = _posts_with_assessments(access.posts_visible_to(user).filter(pk=pk))
    found = _scored(posts, user.organisation_id)
    if not found:
        raise Http404
    return found[0]


def proposed_posts(*, organisation_id: int) -> list[Post]:
    """The posts on the proposed list of the organisation (as adoption takes them)."""
    posts = _posts_with_assessments(Post.objects.filter(organisation_id=organisation_id, assessment__isnull=False))
    return [s.post for s in _scored(posts, organisation_id) if s.on_proposed_list]


def keyed_questions(*, organisation_id: int) -> list[tuple[str, VulnerabilityQuestion]]:
    """The questions asked, with their key in forms and answers."""
    return [(question_key(q), q) for q in checklist_questions(organisation_id=organisation_id)]


@dataclass(frozen=True)
class AnswerRow:
    question: VulnerabilityQuestion
    answer: bool | None  # None: not answered (a question added after the assessment)


def checklist_of(scored: Scored) -> tuple[dict[str, bool], list[AnswerRow]]:
    """The answers of a post's checklist by question key (for the form), and every question
    ever answered or asked with its answer (retired questions included, for reading)."""
    given = {a.question_id: a.answer for a in scored.assessment.answers.all()} if scored.assessment else {}
    questions = checklist_questions(organisation_id=scored.post.organisation_id, retired=True)
    by_key = {question_key(q): given[q.pk] for q in questions if q.pk in given}
    rows = [AnswerRow(q, given.get(q.pk)) for q in questions if q.retired_at is None or q.pk in given]
    return by_key, rows


def current_list(*, organisation_id: int) -> VulnerablePostList | None:
    return VulnerablePostList.objects.filter(organisation_id=organisation_id).first()


def lists_for_user(*, user: Any) -> list[VulnerablePostList]:
    require_assessor(user=user)
    return list(
        VulnerablePostList.objects.filter(organisation_id=user.organisation_id).annotate(
            n_posts=Count("entries"), n_duty=Count("entries", filter=Q(entries__financial_interest_duty=True))
        )
    )


def list_for_user(*, user: Any, pk: int) -> tuple[VulnerablePostList, list[VulnerablePostListEntry]]:
    require_assessor(user=user)
    post_list = VulnerablePostList.objects.filter(organisation_id=user.organisation_id, pk=pk).first()
    if post_list is None:
        raise Http404
    entries = list(post_list.entries.select_related("post__unit").order_by("post__unit__name", "post__title", "pk"))
    return post_list, entries


@dataclass(frozen=True)
class Review:
    due_on: dt.date
    due: bool  # the date has passed (or is today)
    soon: bool  # within ``REVIEW_SOON_DAYS``


def review_of(post_list: VulnerablePostList | None, today: dt.date | None = None) -> Review | None:
    if post_list is None:
        return None
    today = today or timezone.localdate()
    due_on = post_list.review_due_on
    return Review(due_on, today >= due_on, today < due_on <= today + dt.timedelta(days=REVIEW_SOON_DAYS))


# --- Writes -----------------------------------------------------------------------------------


def _require_clerk(by: User, organisation_id: int) -> None:
    if not access.can_assess_posts(by, organisation_id):
        raise PermissionDenied


def _fixed_rows(organisation_id: int) -> None:
    """Give every fixed question its row (with the default weight), once."""
    present = set(
        VulnerabilityQuestion.objects.filter(organisation_id=organisation_id)
        .exclude(fixed="")
        .values_list("fixed", flat=True)
    )
    VulnerabilityQuestion.objects.bulk_create(
        [
            VulnerabilityQuestion(
                organisation_id=organisation_id, fixed=code, weight=FIXED_WEIGHTS[FixedQuestion(code)]
            )
            for code in FixedQuestion.values
            if code not in present
        ],
        ignore_conflicts=True,
    )


def _asked(organisation_id: int) -> dict[str, VulnerabilityQuestion]:
    _fixed_rows(organisation_id)
    return {question_key(q): q for q in checklist_questions(organisation_id=organisation_id)}


def post_assess(
    *,
    post: Post,
    answers: Mapping[str, bool],
    override: str,
    override_reason: str,
    by: User,
    request: HttpRequest | None = None,
    today: dt.date | None = None,
) -> PostAssessment:
    """Record the checklist of a post: an answer to every question asked (by ``question_key``),
    and the override of the score with its reason (or none). Answers to retired questions
    stay as they were."""
    _require_clerk(by, post.organisation_id)
    with transaction.atomic():
        asked = _asked(post.organisation_id)
        missing = [q.label for key, q in asked.items() if key not in answers]
        if missing:
            raise ValidationError(_("Answer every question of the checklist."))
        assessment = PostAssessment.objects.select_for_update().filter(post=post).first() or PostAssessment(
            organisation_id=post.organisation_id, post=post
        )
        assessment.assessed_on = today or timezone.localdate()
        assessment.assessed_by = by
        assessment.override = override
        assessment.override_reason = override_reason.strip() if override else ""
        assessment.full_clean()
        assessment.save()
        for key, question in asked.items():
            PostAnswer.objects.update_or_create(
                assessment=assessment, question=question, defaults={"answer": bool(answers[key])}
            )
        audit_log(
            action="people.post_assessed",
            actor=by,
            organisation_id=post.organisation_id,
            target=post,
            request=request,
            details={
                "post_id": post.pk,
                "yes": sum(1 for key in asked if answers[key]),
                "questions": len(asked),
                "override": override,
            },
        )
    return assessment


def question_add(
    *, organisation: Organisation, text: str, weight: int, by: User, request: HttpRequest | None = None
) -> VulnerabilityQuestion:
    """Add one of the organisation's own questions at the end of the checklist."""
    _require_clerk(by, organisation.pk)
    with transaction.atomic():
        last = VulnerabilityQuestion.objects.filter(organisation=organisation, fixed="").aggregate(m=Max("position"))
        question = VulnerabilityQuestion(
            organisation=organisation, text=text.strip(), weight=weight, position=(last["m"] or 0) + 1
        )
        question.full_clean()
        question.save()
        audit_log(
            action="people.vulnerability_question_added",
            actor=by,
            target=question,
            request=request,
            details={"question_id": question.pk, "weight": weight},
        )
    return question


def _own_question(organisation_id: int, pk: int) -> VulnerabilityQuestion:
    question = (
        VulnerabilityQuestion.objects.select_for_update()
        .filter(organisation_id=organisation_id, pk=pk, fixed="", retired_at__isnull=True)
        .first()
    )
    if question is None:
        raise Http404
    return question


def question_move(
    *, organisation: Organisation, pk: int, up: bool, by: User, request: HttpRequest | None = None
) -> None:
    """Move one of the organisation's own questions a place up or down among those asked."""
    _require_clerk(by, organisation.pk)
    with transaction.atomic():
        question = _own_question(organisation.pk, pk)
        own = list(
            VulnerabilityQuestion.objects.select_for_update()
            .filter(organisation=organisation, fixed="", retired_at__isnull=True)
            .order_by("position", "pk")
        )
        index = own.index(question)
        other = index - 1 if up else index + 1
        if 0 <= other < len(own):
            own[index], own[other] = own[other], own[index]
            for position, item in enumerate(own, start=1):
                item.position = position
            VulnerabilityQuestion.objects.bulk_update(own, ["position"])
        audit_log(
            action="people.vulnerability_question_moved",
            actor=by,
            target=question,
            request=request,
            details={"question_id": question.pk, "up": up},
        )


def question_retire(*, organisation: Organisation, pk: int, by: User, request: HttpRequest | None = None) -> None:
    """Stop asking one of the organisation's own questions; the answers given stay."""
    _require_clerk(by, organisation.pk)
    with transaction.atomic():
        question = _own_question(organisation.pk, pk)
        question.retired_at = timezone.now()
        question.save(update_fields=["retired_at"])
        audit_log(
            action="people.vulnerability_question_retired",
            actor=by,
            target=question,
            request=request,
            details={"question_id": question.pk},
        )


def settings_update(
    *,
    organisation: Organisation,
    threshold: int,
    weights: Mapping[str, int],
    by: User,
    request: HttpRequest | None = None,
) -> None:
    """Set the threshold and the weight of each question asked (by ``question_key``)."""
    _require_clerk(by, organisation.pk)
    with transaction.atomic():
        row = VulnerabilitySettings.objects.select_for_update().filter(organisation=organisation).first()
        row = row or VulnerabilitySettings(organisation=organisation)
        row.threshold = threshold
        row.full_clean()
        row.save()
        changed = []
        for key, question in _asked(organisation.pk).items():
            if key in weights and weights[key] != question.weight:
                question.weight = weights[key]
                question.full_clean()
                changed.append(question)
        VulnerabilityQuestion.objects.bulk_update(changed, ["weight"])
        audit_log(
            action="people.vulnerability_settings_changed",
            actor=by,
            organisation_id=organisation.pk,
            request=request,
            details={"threshold": threshold, "weights_changed": len(changed)},
        )


def list_adopt(
    *,
    organisation: Organisation,
    adopted_on: dt.date,
    decision_reference: str,
    financial_interest_duty: Iterable[int],
    by: User | None,
    request: HttpRequest | None = None,
    today: dt.date | None = None,
) -> VulnerablePostList:
    """Record the list the executive adopted: the posts on the proposed list now. Sets
    ``Post.vulnerable`` for exactly these posts (and clears it for the others) and, for the
    posts in ``financial_interest_duty``, the financial-interest duty. ``by`` is None only for
    the demo loader."""
    if by is not None:
        _require_clerk(by, organisation.pk)
    today = today or timezone.localdate()
    with transaction.atomic():
        # Lock the organisation row: two adoptions never interleave.
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
        if adopted_on > today:
            raise ValidationError({"adopted_on": _("The date of adoption cannot be in the future.")})
        latest = current_list(organisation_id=organisation.pk)
        if (
            latest is not None
            and latest.adopted_on == adopted_on
            and latest.decision_reference == decision_reference.strip()
        ):
            raise ValidationError(_("This list has been recorded already (same date and decision)."))
        if latest is not None and adopted_on < latest.adopted_on:
            raise ValidationError(
                {
                    "adopted_on": _(
                        "A later list was adopted on %(date)s: record lists in the order they were adopted."
                    )
                    % {"date": long_date(latest.adopted_on)}
                }
            )
        posts = proposed_posts(organisation_id=organisation.pk)
        if not posts:
            raise ValidationError(_("No post is on the proposed list: assess the posts first."))
        on_list = {p.pk for p in posts}
        duty = set(financial_interest_duty) & on_list
        if duty and by is not None and not access.can_edit_register(by, organisation.pk):
            # The financial-interest duty of a post is the register clerk's (ADR 0018, amendment).
            raise ValidationError(
                {"financial_interest_duty": _("Only the register clerk switches on the financial-interest duty.")}
            )
        post_list = VulnerablePostList(
            organisation=organisation,
            adopted_on=adopted_on,
            decision_reference=decision_reference.strip(),
            recorded_by=by,
        )
        post_list.full_clean()
        post_list.save()
        VulnerablePostListEntry.objects.bulk_create(
            [VulnerablePostListEntry(post_list=post_list, post=p, financial_interest_duty=p.pk in duty) for p in posts]
        )
        organisation_posts = Post.objects.filter(organisation=organisation)
        cleared = organisation_posts.filter(vulnerable=True).exclude(pk__in=on_list).update(vulnerable=False)
        organisation_posts.filter(pk__in=on_list).update(vulnerable=True)
        designated = organisation_posts.filter(pk__in=duty).update(
            designated=True, duties_set_by_clerk_at=timezone.now()
        )
        audit_log(
            action="people.vulnerable_list_adopted",
            actor=by,
            channel="staff" if by is not None else "system",
            organisation_id=organisation.pk,
            target=post_list,
            request=request,
            details={"posts": len(on_list), "cleared": cleared, "designated": designated},
        )
    return post_list


# --- The review reminder ----------------------------------------------------------------------


def _review_mail(claim: VulnerableReviewReminder) -> Mail:
    post_list = claim.post_list
    return Mail(
        subject=_("The list of vulnerable posts is due for review"),
        body=_(
            "The list of vulnerable posts adopted on %(adopted)s (%(reference)s) was to be reviewed by %(due)s, "
            "four years after its adoption. Assess the posts again and have the executive adopt a new list: %(url)s"
        )
        % {
            "adopted": long_date(post_list.adopted_on),
            "reference": post_list.decision_reference,
            "due": long_date(post_list.review_due_on),
            "url": absolute_url("people:vulnerable"),
        },
    )


def send_review_reminders(today: dt.date | None = None) -> int:
    """Daily (schedule "vulnerable-review-reminders"): for each organisation whose list in force
    is due for review, one mail to each coordinator and register clerk. Returns the mails
    queued."""
    today = today or timezone.localdate()
    queued = 0
    for post_list in VulnerablePostList.objects.filter(pk__in=_latest_ids()).order_by("pk"):
        if review_of(post_list, today).due:  # type: ignore[union-attr]
            for user in access.vulnerability_keepers_of(post_list.organisation_id).exclude(email=""):
                if remind_once(
                    model=VulnerableReviewReminder, compose=_review_mail, post_list=post_list, recipient=user
                ):
                    queued += 1
    return queued


def _latest_ids() -> list[int]:
    """The list in force of every organisation (a small table: one row per adoption)."""
    latest: dict[int, int] = {}
    for pk, organisation_id in VulnerablePostList.objects.order_by("adopted_on", "pk").values_list(
        "pk", "organisation_id"
    ):
        latest[organisation_id] = pk
    return list(latest.values())
