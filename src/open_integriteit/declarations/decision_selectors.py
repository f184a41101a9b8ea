"""Reads of the deciders' and the register clerk's pages. Everything goes through
``access.declarations``; anyone without need-to-know gets Http404. Reading another
person's financial interest is written to the audit trail here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from open_integriteit.access import declarations as access
from open_integriteit.access.people import subtree
from open_integriteit.people.models import PostHolding, Unit

from .decisions import GIFT_STATES, must_be_handed_in
from .models import Declaration, DeclarationEvent, Kind, RegisterSettings
from .reminders import days_waiting
from .selectors import log_read, read_settings
from .workflow import State


def require_queue(*, user: Any) -> None:
    if not access.can_open_decision_queue(user):
        raise Http404


def sees_all(*, user: Any) -> bool:
    return access.sees_all_declarations(user)


def queue_units(*, user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation_id=user.organisation_id).order_by("name", "pk")


def decision_queue(*, user: Any, kind: str = "", state: str = "", unit: Unit | None = None) -> QuerySet[Declaration]:
    """Oldest first. For a decider: their people's submitted declarations. For the register
    clerk and the coordinator: every declaration of the organisation (no drafts, not their
    own), filtered by kind, state and the unit (with the units below it) of the person's
    current post."""
    require_queue(user=user)
    if access.sees_all_declarations(user):
        declarations = access.declarations_for_deciding(user)
        if kind:
            declarations = declarations.filter(kind=kind)
        if state:
            declarations = declarations.filter(state=state)
        if unit is not None and unit.organisation_id == user.organisation_id:
            units = subtree({unit.pk}, user.organisation_id)
            holders = PostHolding.objects.filter(ended_on__isnull=True, post__unit_id__in=units).values("person_id")
            declarations = declarations.filter(person_id__in=holders)
    else:
        declarations = access.decision_queue(user)
    return declarations.select_related("person", "post").order_by("submitted_at", "pk")


@dataclass(frozen=True)
class QueueRow:
    declaration: Declaration
    days_waiting: int | None  # only while it waits for a decision
    overdue: bool
    may_decide: bool


def queue_rows(*, user: Any, declarations: list[Declaration], now: dt.datetime | None = None) -> list[QueueRow]:
    """A page of the queue with the days each declaration waits and whether that is
    overdue (beyond the organisation's reminder days)."""
    now = now or timezone.now()
    settings = read_settings(user.organisation_id)
    deciding = set(access.decision_queue(user).filter(pk__in=[d.pk for d in declarations]).values_list("pk", flat=True))
    rows = []
    for declaration in declarations:
        waiting = days_waiting(declaration, now) if declaration.state == State.SUBMITTED else None
        rows.append(
            QueueRow(
                declaration=declaration,
                days_waiting=waiting,
                overdue=waiting is not None and waiting >= settings.decision_reminder_days,
                may_decide=declaration.pk in deciding,
            )
        )
    return rows


def declaration_for_decision(*, user: Any, pk: int, request: HttpRequest | None = None) -> Declaration:
    """The declaration with its history, for its decider, the register clerk or a
    coordinator; never for the declarant (who has "my declarations")."""
    declaration = (
        access.declarations_for_deciding(user)
        .filter(pk=pk)
        .select_related("person", "post__unit", "decided_by", "destination_recorded_by")
        .prefetch_related(Prefetch("events", queryset=DeclarationEvent.objects.select_related("by")))
        .first()
    )
    if declaration is None:
        raise Http404
    log_read(user=user, declaration=declaration, request=request)
    return declaration


def current_posts(*, declaration: Declaration) -> list[PostHolding]:
    return list(
        PostHolding.objects.filter(person_id=declaration.person_id, ended_on__isnull=True)
        .select_related("post__unit")
        .order_by("-started_on", "-pk")
    )


def gift_to_hand_in(*, declaration: Declaration) -> bool:
    return must_be_handed_in(declaration, read_settings(declaration.organisation_id).gift_threshold)


def require_gifts(*, user: Any) -> None:
    if not access.can_list_gifts_to_hand_in(user):
        raise Http404


def gifts_awaiting_destination(*, user: Any) -> QuerySet[Declaration]:
    """The register clerk's list: gifts above the threshold without a destination yet,
    oldest first."""
    require_gifts(user=user)
    threshold = read_settings(user.organisation_id).gift_threshold
    return (
        access.declarations_for_deciding(user)
        .filter(
            kind=Kind.GIFT,
            is_invitation=False,
            destination="",
            estimated_value__gt=threshold,
            state__in=GIFT_STATES,
        )
        .exclude(accepted=False)
        .select_related("person")
        .order_by("received_on", "submitted_at", "pk")
    )


def gift_for_destination(*, user: Any, pk: int, request: HttpRequest | None = None) -> Declaration:
    declaration = declaration_for_decision(user=user, pk=pk, request=request)
    if not access.can_record_gift_destination(user, declaration) or not gift_to_hand_in(declaration=declaration):
        raise Http404
    return declaration


def require_settings(*, user: Any) -> RegisterSettings:
    if not access.can_manage_register_settings(user, user.organisation_id):
        raise Http404
    return read_settings(user.organisation_id)
