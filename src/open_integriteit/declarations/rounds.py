"""Update rounds (ADR 0023): the register clerk asks the people in scope to declare, or to
answer "nothing changed"; the worker reminds them; the clerk sends one last reminder and
closes the round, whose figures are kept.

Who is in scope of a round (on the day it is asked, people who left are out):

- the officials' round (March and September) and the gift round (each quarter): the
  officials (``Person.kind`` official);
- the round for everyone (yearly): every person in the register;
- a question about financial interests is asked only of those who have that duty: the
  officials and the holders of a designated post (``Post.designated``). A person is in
  scope when at least one of the round's questions is asked of them.

A person has completed the round when, for every question asked of them, they submitted a
declaration of that kind or recorded a nil return for it ("nothing to declare" / "nothing
changed") since the round opened: computed from ``Declaration.submitted_at`` and
``NilReturn.answered_at``, so the declarant's own services need to know nothing of rounds.

Reminders go to the person's account (a person without an account, or without an e-mail
address, is not reminded: the clerk sees them in the list). They carry no content, only the
due date and the link to "my declarations", and each is sent once (``core/reminders.py``):
at the start, ``reminder_days_before`` days before the due date, and the clerk's last
reminder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from open_integriteit.access import declarations as access
from open_integriteit.audit.services import audit_log
from open_integriteit.people.models import Person, PersonKind, PostHolding

from .models import (
    DEFAULT_ROUND_ASKS,
    Declaration,
    Kind,
    NilReturn,
    RoundDefaults,
    RoundKind,
    RoundStage,
    UpdateRound,
)

NO_UNIT = gettext_lazy("Without a unit (officials, people without a post)")
OFFICIAL_ROUNDS = (RoundKind.OFFICIALS, RoundKind.GIFTS)


# --- Defaults -----------------------------------------------------------------------------


def round_defaults(organisation_id: int) -> RoundDefaults:
    defaults, _created = RoundDefaults.objects.get_or_create(organisation_id=organisation_id)
    return defaults


def default_dates(defaults: RoundDefaults, kind: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """When a round of this kind would open and be due by the organisation's defaults: today
    when this month is one of the kind's months, else the first day of the next such month."""
    today = today or timezone.localdate()
    months = defaults.months(kind) or [today.month]
    opens_on = today
    if today.month not in months:
        later = [m for m in months if m > today.month]
        opens_on = dt.date(today.year, later[0], 1) if later else dt.date(today.year + 1, months[0], 1)
    return opens_on, opens_on + dt.timedelta(days=defaults.answer_days)


def default_asks(kind: str) -> list[str]:
    return [str(code) for code in DEFAULT_ROUND_ASKS[RoundKind(kind)]]


def round_defaults_update(
    *,
    organisation_id: int,
    by: Any,
    officials_months: list[int],
    gifts_months: list[int],
    everyone_months: list[int],
    answer_days: int,
    reminder_days_before: int,
    request: Any = None,
) -> RoundDefaults:
    if not access.can_manage_rounds(by, organisation_id):
        raise PermissionDenied
    errors = {}
    for name, months in (
        ("officials_months", officials_months),
        ("gifts_months", gifts_months),
        ("everyone_months", everyone_months),
    ):
        if not months or any(not 1 <= m <= 12 for m in months):
            errors[name] = _("Choose at least one month.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        defaults = RoundDefaults.objects.select_for_update().get(pk=round_defaults(organisation_id).pk)
        defaults.officials_months = ",".join(str(m) for m in sorted(set(officials_months)))
        defaults.gifts_months = ",".join(str(m) for m in sorted(set(gifts_months)))
        defaults.everyone_months = ",".join(str(m) for m in sorted(set(everyone_months)))
        defaults.answer_days = answer_days
        defaults.reminder_days_before = reminder_days_before
        defaults.full_clean()
        defaults.save()
        audit_log(
            action="declarations.round_defaults_updated",
            actor=by,
            organisation_id=organisation_id,
            target=defaults,
            request=request,
        )
    return defaults


# --- Scope and completion -----------------------------------------------------------------


class Completion(TypedDict):
    done: bool


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    #: A person in scope of a round, annotated with whether they completed it.
    PersonInScope = WithAnnotations[Person, Completion]


def opened_at(update_round: UpdateRound) -> dt.datetime:
    """The moment from which answers count: the start of the opening day."""
    return dt.datetime.combine(update_round.opens_on, dt.time.min, tzinfo=timezone.get_current_timezone())


def _asked_of(kind: str) -> Q:
    """Whom a question of this declaration kind is asked (within the round's people)."""
    if kind == Kind.FINANCIAL_INTEREST:
        designated = PostHolding.objects.filter(person=OuterRef("pk"), ended_on__isnull=True, post__designated=True)
        return Q(kind=PersonKind.OFFICIAL) | Q(Exists(designated))
    return Q()


def _answered(update_round: UpdateRound, kind: str) -> Q:
    since = opened_at(update_round)
    declared = Declaration.objects.filter(person=OuterRef("pk"), kind=kind, submitted_at__gte=since)
    nil = NilReturn.objects.filter(person=OuterRef("pk"), kind=kind, answered_at__gte=since)
    return Q(Exists(declared)) | Q(Exists(nil))


def _completed(update_round: UpdateRound) -> Q:
    done = Q()
    for kind in update_round.asked_kinds:
        asked = _asked_of(kind)
        done &= _answered(update_round, kind) if not asked else (~asked | _answered(update_round, kind))
    return done


def people_in_scope(update_round: UpdateRound, today: dt.date | None = None) -> QuerySet[PersonInScope]:
    """The people the round asks, each annotated with ``done`` (completed the round)."""
    today = today or timezone.localdate()
    people = Person.objects.filter(organisation_id=update_round.organisation_id).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )
    if update_round.kind in OFFICIAL_ROUNDS:
        people = people.filter(kind=PersonKind.OFFICIAL)
    asked = [_asked_of(kind) for kind in update_round.asked_kinds]
    if asked and all(asked):  # every question has a narrower audience: anyone of them
        either = Q()
        for q in asked:
            either |= q
        people = people.filter(either)
    return people.annotate(done=ExpressionWrapper(_completed(update_round), output_field=BooleanField()))


def open_rounds(organisation_id: int, today: dt.date | None = None) -> QuerySet[UpdateRound]:
    """The rounds that have opened and are not closed."""
    today = today or timezone.localdate()
    return UpdateRound.objects.filter(organisation_id=organisation_id, closed_at__isnull=True, opens_on__lte=today)


@dataclass(frozen=True)
class RoundTask:
    """An open round that asks this person something they have not answered yet."""

    update_round: UpdateRound
    kinds: list[str]  # labels of the questions still open

    @property
    def due_on(self) -> dt.date:
        return self.update_round.due_on


def tasks_of(person: Person | None) -> list[RoundTask]:
    """The declarant's open round tasks, for the top of "my declarations"."""
    if person is None:
        return []
    tasks = []
    labels = dict(Kind.choices)
    for update_round in open_rounds(person.organisation_id).order_by("due_on", "pk"):
        found = people_in_scope(update_round).filter(pk=person.pk).first()
        if found is None or found.done:
            continue
        open_kinds = []
        for kind in update_round.asked_kinds:
            asked = _asked_of(kind)
            question = Person.objects.filter(pk=person.pk)
            if asked and not question.filter(asked).exists():
                continue
            if not question.filter(_answered(update_round, kind)).exists():
                open_kinds.append(str(labels[kind]))
        tasks.append(RoundTask(update_round=update_round, kinds=open_kinds))
    return tasks


# --- Figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitFigure:
    unit_id: int | None
    unit: str
    in_scope: int
    completed: int

    @property
    def percentage(self) -> int:
        return round(100 * self.completed / self.in_scope) if self.in_scope else 0


@dataclass(frozen=True)
class Figures:
    in_scope: int
    completed: int
    units: list[UnitFigure]

    @property
    def percentage(self) -> int:
        return round(100 * self.completed / self.in_scope) if self.in_scope else 0


def figures_now(update_round: UpdateRound) -> Figures:
    """Completion of the round now, in total and per unit of the people's current posts (a
    person with posts in two units counts in both; once in the total). Three queries."""
    people = dict(people_in_scope(update_round).values_list("pk", "done"))
    holdings = PostHolding.objects.filter(person_id__in=people, ended_on__isnull=True).values_list(
        "person_id", "post__unit_id", "post__unit__name"
    )
    names: dict[int | None, str] = {None: str(NO_UNIT)}
    per_unit: dict[int | None, set[int]] = {}
    for person_id, unit_id, name in holdings:
        names[unit_id] = name
        per_unit.setdefault(unit_id, set()).add(person_id)
    placed = set().union(*per_unit.values()) if per_unit else set()
    without = {pk for pk in people if pk not in placed}
    if without:
        per_unit[None] = without
    units = sorted(
        (
            UnitFigure(
                unit_id=unit_id,
                unit=names[unit_id],
                in_scope=len(members),
                completed=sum(1 for pk in members if people[pk]),
            )
            for unit_id, members in per_unit.items()
        ),
        key=lambda f: (f.unit_id is None, f.unit.casefold()),
    )
    return Figures(in_scope=len(people), completed=sum(1 for done in people.values() if done), units=units)


def figures_of(update_round: UpdateRound) -> Figures:
    """The figures kept at closing for a closed round, else those of now."""
    if update_round.closed_at is None:
        return figures_now(update_round)
    units = [
        UnitFigure(
            unit_id=row.get("unit_id"),
            unit=row.get("unit") or str(NO_UNIT),
            in_scope=row["in_scope"],
            completed=row["completed"],
        )
        for row in update_round.unit_figures
    ]
    return Figures(in_scope=update_round.scope_count or 0, completed=update_round.completed_count or 0, units=units)


# --- Reads (clerk and coordinator) --------------------------------------------------------


def require_rounds(*, user: Any) -> None:
    if not access.can_view_rounds(user):
        raise Http404


def require_manage(*, user: Any) -> None:
    if not access.can_manage_rounds(user, getattr(user, "organisation_id", None)):
        raise Http404


def rounds_for_user(*, user: Any) -> QuerySet[UpdateRound]:
    require_rounds(user=user)
    return access.rounds_visible_to(user).order_by("-opens_on", "-pk")


def round_for_user(*, user: Any, pk: int) -> UpdateRound:
    update_round = access.rounds_visible_to(user).filter(pk=pk).first()
    if update_round is None:
        raise Http404
    return update_round


def people_of_round(update_round: UpdateRound, status: str = "") -> QuerySet[PersonInScope]:
    """The people in scope in the people register's order (``sort_key``; a page is sorted
    by name in Python, ADR 0018), with their current posts."""
    people = people_in_scope(update_round)
    if status == "open":
        people = people.filter(done=False)
    elif status == "done":
        people = people.filter(done=True)
    current = PostHolding.objects.filter(ended_on__isnull=True).select_related("post__unit")
    return (
        people.select_related("user")
        .prefetch_related(Prefetch("holdings", queryset=current, to_attr="current_holdings"))
        .order_by("sort_key", "pk")
    )


# --- Writes -------------------------------------------------------------------------------


def round_start(
    *,
    organisation_id: int,
    by: Any,
    kind: str,
    asks: list[str],
    opens_on: dt.date,
    due_on: dt.date,
    request: Any = None,
) -> UpdateRound:
    """Start a round. The worker reminds the people in scope from the opening day on; a round
    opening today reminds them at once."""
    if not access.can_manage_rounds(by, organisation_id):
        raise PermissionDenied
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if kind not in RoundKind.values:
        errors["kind"] = _("Choose the kind of round.")
    chosen = [code for code in Kind.values if code in set(asks)]
    if not chosen or len(chosen) != len(set(asks)):
        errors["asks"] = _("Choose what the round asks about.")
    if opens_on < today:
        errors["opens_on"] = _("A round cannot open in the past.")
    if due_on <= opens_on:
        errors["due_on"] = _("The due date must be after the opening day.")
    if errors:
        raise ValidationError(errors)
    defaults = round_defaults(organisation_id)
    with transaction.atomic():
        # One open round of a kind at a time (the organisation's defaults row serialises starts).
        RoundDefaults.objects.select_for_update().filter(pk=defaults.pk).first()
        if UpdateRound.objects.filter(organisation_id=organisation_id, kind=kind, closed_at__isnull=True).exists():
            raise ValidationError({"kind": _("A round of this kind is still open: close it first.")})
        update_round = UpdateRound(
            organisation_id=organisation_id,
            kind=kind,
            asks=",".join(chosen),
            opens_on=opens_on,
            due_on=due_on,
            reminder_days_before=defaults.reminder_days_before,
            started_at=timezone.now(),
            started_by=by,
        )
        update_round.full_clean()
        update_round.save()
        audit_log(
            action="declarations.round_started",
            actor=by,
            organisation_id=organisation_id,
            target=update_round,
            request=request,
            details={"kind": kind, "asks": update_round.asks},
        )
        if opens_on <= today:
            _enqueue_on_commit(update_round.pk, RoundStage.START)
    return update_round


def round_send_last_reminder(*, update_round: UpdateRound, by: Any, request: Any = None) -> UpdateRound:
    """The clerk's last reminder to everyone in scope who has not completed the round: once."""
    with transaction.atomic():
        current = UpdateRound.objects.select_for_update().get(pk=update_round.pk)
        if not access.can_send_last_reminder(by, current):
            raise PermissionDenied
        current.last_reminder_at = timezone.now()
        current.last_reminder_by = by
        current.full_clean()
        current.save(update_fields=["last_reminder_at", "last_reminder_by"])
        audit_log(
            action="declarations.round_last_reminder",
            actor=by,
            organisation_id=current.organisation_id,
            target=current,
            request=request,
        )
        _enqueue_on_commit(current.pk, RoundStage.LAST)
    update_round.refresh_from_db()
    return update_round


def round_close(*, update_round: UpdateRound, by: Any, request: Any = None) -> UpdateRound:
    """Close the round and keep its figures: in scope, completed, per unit (counts only)."""
    with transaction.atomic():
        current = UpdateRound.objects.select_for_update().get(pk=update_round.pk)
        if not access.can_close_round(by, current):
            raise PermissionDenied
        figures = figures_now(current)
        current.closed_at = timezone.now()
        current.closed_by = by
        current.scope_count = figures.in_scope
        current.completed_count = figures.completed
        current.unit_figures = [
            {
                "unit_id": f.unit_id,
                "unit": f.unit if f.unit_id else "",
                "in_scope": f.in_scope,
                "completed": f.completed,
            }
            for f in figures.units
        ]
        current.full_clean()
        current.save()
        audit_log(
            action="declarations.round_closed",
            actor=by,
            organisation_id=current.organisation_id,
            target=current,
            request=request,
            details={"in_scope": figures.in_scope, "completed": figures.completed},
        )
    update_round.refresh_from_db()
    return update_round


# --- Reminders (the worker's part is in ``round_reminders``) -----------------------------


def _enqueue_on_commit(round_id: int, stage: str) -> None:
    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task("open_integriteit.declarations.round_reminders.remind_round", round_id, stage)

    transaction.on_commit(enqueue)
