"""The decisions on a declaration as one explicit transition table (DOMAIN.md §4.5–4.7),
like the case workflow: a declaration is drafted by the person it is about, submitted, and
decided by their decider — the manager of the unit of their post, or for officials the
body's clerk or secretary — with a reason; an approval may carry a restriction that the
public register shows. The declarant may withdraw what is not yet decided and end what was
approved. Services refuse any other move.

Actors are relations to the declaration, not roles: ``DECLARANT`` is the person the
declaration is about (through their linked account), ``DECIDER`` whoever
``access.declarations.can_decide`` allows, ``CLERK`` the register clerk of the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RESTRICTED = "restricted", _("Approved with a restriction")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


DECLARANT = "declarant"
DECIDER = "decider"
CLERK = "clerk"

#: Declarations that may appear on a public page (if the person and post are in scope).
PUBLISHABLE = frozenset({State.APPROVED, State.RESTRICTED})
#: Declarations waiting for their decider.
PENDING = frozenset({State.SUBMITTED})
#: Declarations whose answer is final.
DECIDED = frozenset({State.APPROVED, State.RESTRICTED, State.REFUSED})


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # a lazy translation
    source: str
    target: str
    actors: frozenset[str]
    needs_reason: bool = False
    needs_restriction: bool = False
    needs_end_date: bool = False


def _t(name: str, label: Any, source: str, target: str, *actors: str, **needs: bool) -> Transition:
    return Transition(name, label, source, target, frozenset(actors), **needs)


TRANSITIONS: tuple[Transition, ...] = (
    _t("submit", _("Submit"), State.DRAFT, State.SUBMITTED, DECLARANT),
    _t("approve", _("Approve"), State.SUBMITTED, State.APPROVED, DECIDER, needs_reason=True),
    _t(
        "approve_restricted",
        _("Approve with a restriction"),
        State.SUBMITTED,
        State.RESTRICTED,
        DECIDER,
        needs_reason=True,
        needs_restriction=True,
    ),
    _t("refuse", _("Refuse"), State.SUBMITTED, State.REFUSED, DECIDER, needs_reason=True),
    _t("withdraw", _("Withdraw"), State.SUBMITTED, State.WITHDRAWN, DECLARANT),
    _t("end", _("End"), State.APPROVED, State.ENDED, DECLARANT, CLERK, needs_end_date=True),
    _t("end_restricted", _("End"), State.RESTRICTED, State.ENDED, DECLARANT, CLERK, needs_end_date=True),
)

BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}


def transitions_from(state: str) -> tuple[Transition, ...]:
    return tuple(t for t in TRANSITIONS if t.source == state)


def allowed(name: str, state: str, actors: frozenset[str] | set[str]) -> Transition | None:
    """The transition ``name`` if it starts in ``state`` and one of ``actors`` may make it."""
    transition = BY_NAME.get(name)
    if transition is None or transition.source != state or not (transition.actors & set(actors)):
        return None
    return transition
