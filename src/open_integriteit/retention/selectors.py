"""Reads for the retention pages: the coordinators of the organisation, nobody else (not the
administrator, not another organisation): 404, never 403. What each policy lists is fetched
through its own app's selectors, so a coordinator implicated in a case does not see it here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from open_integriteit.access.retention import can_manage_retention

from . import registry
from .periods import PeriodTable

UPCOMING_LIMIT = 50


def user_manages_retention(*, user: Any, organisation_id: int) -> bool:
    return can_manage_retention(user, organisation_id)


def require_retention_access(*, user: Any) -> int:
    """The id of the user's organisation if they may see and set retention, else 404."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None or not user_manages_retention(user=user, organisation_id=organisation_id):
        raise Http404
    return int(organisation_id)


@dataclass(frozen=True)
class PeriodRow:
    period: registry.Period
    months: int

    @property
    def is_default(self) -> bool:
        return self.months == self.period.default_months


@dataclass(frozen=True)
class PolicyOverview:
    policy: registry.Policy
    periods: list[PeriodRow]
    upcoming: list[registry.Pending]  # soonest first, postponed last
    total: int

    @property
    def destroys(self) -> bool:
        """(Templates call callables: they must not see ``policy.pending`` itself.)"""
        return self.policy.pending is not None


def _soonest_first(item: registry.Pending) -> tuple[bool, dt.datetime]:
    return (item.ends_at is None, item.ends_at or item.event_at)


def retention_overview(*, user: Any) -> list[PolicyOverview]:
    """Every registered policy with the organisation's periods and what it will destroy when."""
    organisation_id = require_retention_access(user=user)
    months = PeriodTable(organisation_id=organisation_id)
    rows = []
    for policy in registry.policies():
        upcoming = sorted(policy.pending(months=months, user=user), key=_soonest_first) if policy.pending else []
        rows.append(
            PolicyOverview(
                policy=policy,
                periods=[PeriodRow(period, months(organisation_id, period.key)) for period in policy.periods],
                upcoming=upcoming[:UPCOMING_LIMIT],
                total=len(upcoming),
            )
        )
    return rows


def retention_periods(*, user: Any) -> dict[str, int]:
    """The organisation's months per period key (its own choice or the default)."""
    organisation_id = require_retention_access(user=user)
    months = PeriodTable(organisation_id=organisation_id)
    return {key: months(organisation_id, key) for key in registry.periods()}
