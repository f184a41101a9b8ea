"""Reads of the declarations, scoped by ``access.declarations``: a person sees their own
declarations (drafts included), their decider those of the people they decide for, the
register clerk and the coordinator all of the organisation; anyone else gets 404, never
403. Reading another person's financial interest is written to the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from open_integriteit.access import declarations as access
from open_integriteit.audit.services import audit_log
from open_integriteit.people.models import Person

from .models import Declaration, DeclarationEvent, Kind, NilReturn, RegisterSettings
from .workflow import DECIDER, TRANSITIONS, State, Transition

#: The transitions the declaration's own page offers (the decisions have their own pages).
PAGE_TRANSITIONS = frozenset({"withdraw", "end", "end_restricted"})


def require_declarant(*, user: Any) -> Person:
    person = access.person_of(user)
    if person is None:
        raise Http404
    return person


@dataclass(frozen=True)
class KindOverview:
    kind: str
    label: Any
    may_declare: bool
    declarations: list[Declaration]
    nil_returns: list[NilReturn]  # newest first
    has_current: bool

    @property
    def last_nil_return(self) -> NilReturn | None:
        return self.nil_returns[0] if self.nil_returns else None


def my_overview(*, user: Any) -> list[KindOverview]:
    """Per kind: the user's own declarations (newest first) and their last "nothing to
    declare" or "nothing changed"; three queries whatever the number."""
    person = require_declarant(user=user)
    declarations = list(Declaration.objects.filter(person=person).select_related("post").order_by("-created_at", "-pk"))
    answers: dict[str, list[NilReturn]] = {}
    for nil_return in NilReturn.objects.filter(person=person).order_by("-answered_at", "-pk"):
        answers.setdefault(nil_return.kind, []).append(nil_return)
    financial = access.may_hold_financial_interests(person)
    current_states = {State.SUBMITTED, State.APPROVED, State.RESTRICTED}
    overview = []
    for kind, label in Kind.choices:
        mine = [d for d in declarations if d.kind == kind]
        may = kind != Kind.FINANCIAL_INTEREST or financial or bool(mine)
        if not may:
            continue
        overview.append(
            KindOverview(
                kind=kind,
                label=label,
                may_declare=kind != Kind.FINANCIAL_INTEREST or financial,
                declarations=mine,
                nil_returns=answers.get(kind, []),
                has_current=any(d.state in current_states for d in mine),
            )
        )
    return overview


def my_nil_returns(*, user: Any, kind: str | None = None) -> QuerySet[NilReturn]:
    person = require_declarant(user=user)
    answers = NilReturn.objects.filter(person=person)
    return answers.filter(kind=kind) if kind else answers


def my_declarations(*, user: Any, kind: str | None = None) -> QuerySet[Declaration]:
    """The user's own declarations, each with its history of events."""
    person = require_declarant(user=user)
    own = Declaration.objects.filter(person=person)
    if kind:
        own = own.filter(kind=kind)
    return own.select_related("post").prefetch_related(
        Prefetch("events", queryset=DeclarationEvent.objects.select_related("by").order_by("at", "pk"))
    )


def declaration_for_user(*, user: Any, pk: int, request: Any = None, log: bool = True) -> Declaration:
    """One declaration for anyone who may see it, else 404. Another person's financial
    interest is an audited read (``log=False`` on a post that shows the page again)."""
    declaration = (
        access.declarations_visible_to(user)
        .filter(pk=pk)
        .select_related("person", "post", "post__unit", "decided_by")
        .prefetch_related(
            Prefetch("events", queryset=DeclarationEvent.objects.select_related("by").order_by("at", "pk"))
        )
        .first()
    )
    if declaration is None:
        raise Http404
    if log:
        log_read(user=user, declaration=declaration, request=request)
    return declaration


def log_read(*, user: Any, declaration: Declaration, request: Any = None) -> None:
    """Write the audited read of another person's financial interest (a page that shows it)."""
    if access.is_audited_read(user, declaration):
        audit_log(
            action="declarations.viewed",
            actor=user,
            organisation_id=declaration.organisation_id,
            target=declaration,
            request=request,
            details={"kind": declaration.kind},
        )


def own_draft(*, user: Any, pk: int) -> Declaration:
    """The user's own draft (to change or throw away), else 404."""
    person = require_declarant(user=user)
    declaration = Declaration.objects.filter(pk=pk, person=person, state=State.DRAFT).first()
    if declaration is None:
        raise Http404
    return declaration


def page_transitions(*, user: Any, declaration: Declaration) -> list[Transition]:
    """What this user may do with the declaration on its page: withdraw, end."""
    actors = access.actors(user, declaration) - {DECIDER}
    return [
        t for t in TRANSITIONS if t.name in PAGE_TRANSITIONS and t.source == declaration.state and t.actors & actors
    ]


def gift_above_threshold(declaration: Declaration, threshold: Decimal) -> bool:
    """The gift rule: a gift (not an invitation) that was not refused and is worth more than
    the organisation's threshold is handed in; the register clerk records where it goes.
    The one rule for the declarant's pages and the clerk's (``decisions.must_be_handed_in``)."""
    return (
        declaration.kind == Kind.GIFT
        and not declaration.is_invitation
        and declaration.accepted is not False
        and declaration.estimated_value is not None
        and declaration.estimated_value > threshold
    )


def gift_must_be_handed_in(declaration: Declaration) -> bool:
    return gift_above_threshold(declaration, threshold_of(declaration.organisation_id))


def read_settings(organisation_id: int) -> RegisterSettings:
    """The organisation's register settings, or the defaults when none were saved yet (a
    read never creates the row)."""
    found = RegisterSettings.objects.filter(organisation_id=organisation_id).first()
    return found or RegisterSettings(organisation_id=organisation_id)


def threshold_of(organisation_id: int) -> Decimal:
    threshold: Decimal = read_settings(organisation_id).gift_threshold
    return threshold


def gift_threshold(*, user: Any) -> Decimal:
    """The organisation's threshold above which a gift is handed in (a read: no row is made)."""
    return threshold_of(require_declarant(user=user).organisation_id)


def gift_threshold_of(declaration: Declaration) -> Decimal:
    return threshold_of(declaration.organisation_id)
