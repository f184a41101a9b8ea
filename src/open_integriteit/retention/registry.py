"""The retention registry (ADR 0008). Keep it small.

Every app registers, in its ``AppConfig.ready``, what it keeps and for how long: one
``Policy`` per kind of record, with the event the period runs from, its periods (months,
per organisation adjustable), what destruction removes and what statistics stay. The daily
job (``runner.run_retention``) runs every registered policy; the coordinator's overview
shows the same registry, so what the page says is what the job does.

Adding a policy is a few lines::

    register(
        Policy(
            code="gifts.gift",
            label=_("Gifts"),
            event=_("the decision on the gift"),
            destroys=_("The description and the giver."),
            keeps=_("Date, value class and destination."),
            periods=(Period("gifts.gift", _("Gifts"), 24),),
            pending=gifts_pending,  # (*, months, user) -> Iterable[Pending]
            destroy=gift_destroy,  # (obj, now) -> bool
        )
    )

``pending`` yields every record still holding content, with the moment its period ends
(``None`` while something postpones it). With ``user`` it yields only what that user may
see (through the app's own selectors); the job passes ``user=None`` for everything.
``destroy`` destroys one record in its own transaction if its period has ended at ``now``
(it checks again under a lock), writes the audit event and returns whether it did.
A policy without ``pending``/``destroy`` documents a record that is kept on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from open_integriteit.reports.deadlines import add_months


@dataclass(frozen=True)
class Period:
    key: str  # unique over all policies, e.g. "cases.unfounded"
    label: Any  # a lazy translation
    default_months: int


@dataclass(frozen=True)
class Pending:
    """One record that still holds content. ``ends_at`` is ``None`` while ``postponed_by`` holds."""

    obj: Any
    label: str  # a reference or a date: never content
    event_at: dt.datetime
    ends_at: dt.datetime | None
    postponed_by: Any = ""
    url: str = ""


@dataclass(frozen=True)
class Policy:
    code: str
    label: Any
    event: Any  # what the period runs from
    destroys: Any
    keeps: Any
    periods: tuple[Period, ...] = ()
    pending: Callable[..., Iterable[Pending]] | None = None
    destroy: Callable[[Any, dt.datetime], bool] | None = None
    kept_because: Any = ""  # for a policy that destroys nothing: why


_POLICIES: dict[str, Policy] = {}


def register(policy: Policy) -> Policy:
    """Add a policy (idempotent for the same policy, an error for a clash)."""
    existing = _POLICIES.get(policy.code)
    if existing is not None:
        if existing == policy:
            return policy
        raise ImproperlyConfigured(f"retention policy {policy.code!r} is registered twice")
    if (policy.pending is None) != (policy.destroy is None):
        raise ImproperlyConfigured(f"retention policy {policy.code!r} needs both pending and destroy, or neither")
    if policy.pending is None and not policy.kept_because:
        raise ImproperlyConfigured(f"retention policy {policy.code!r} destroys nothing: say why (kept_because)")
    taken = {period.key for other in _POLICIES.values() for period in other.periods}
    for period in policy.periods:
        if period.key in taken or not 1 <= period.default_months <= MAX_MONTHS:
            raise ImproperlyConfigured(f"retention period {period.key!r} is registered twice or out of range")
    _POLICIES[policy.code] = policy
    return policy


def policies() -> list[Policy]:
    """Every registered policy, in registration (INSTALLED_APPS) order."""
    return list(_POLICIES.values())


def periods() -> dict[str, Period]:
    return {period.key: period for policy in _POLICIES.values() for period in policy.periods}


MIN_MONTHS = 1
MAX_MONTHS = 240


def ends_at(moment: dt.datetime, months: int) -> dt.datetime:
    """The end of a period of calendar months from ``moment`` (local time, ADR 0007)."""
    return add_months(timezone.localtime(moment), months)
