"""Reads of the register of rules and codes, scoped by who asks (``access.regulations``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils import timezone

from open_integriteit.access import regulations as access

from .models import DEFAULT_REVIEW_YEARS, Regulation, RegulationSettings


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_years(organisation_id: int) -> int:
    """The organisation's review period; the default while it has not chosen one."""
    found = RegulationSettings.objects.filter(organisation_id=organisation_id).values_list("review_years", flat=True)
    return next(iter(found), DEFAULT_REVIEW_YEARS)


@dataclass(frozen=True)
class Entry:
    """A version in the register, with what the lists show about it."""

    regulation: Regulation
    replaced_by: Regulation | None
    review_on: dt.date | None  # for a current version only
    review_due: bool


def _entries(regulations: list[Regulation], years: int, today: dt.date) -> list[Entry]:
    newer = {r.replaces_id: r for r in regulations if r.replaces_id is not None}
    result = []
    for regulation in regulations:
        replaced_by = newer.get(regulation.pk)
        review_on = add_years(regulation.adopted_on, years) if replaced_by is None else None
        result.append(Entry(regulation, replaced_by, review_on, review_on is not None and review_on <= today))
    return result


def register_for_user(*, user: Any) -> tuple[list[Entry], list[Entry]]:
    """The current versions and the replaced ones, of the user's organisation (404 for others)."""
    if not access.can_manage_regulations(user):
        raise Http404
    regulations = list(access.regulations_visible_to(user).order_by("kind", "-adopted_on", "-pk"))
    entries = _entries(regulations, review_years(user.organisation_id), timezone.localdate())
    return [e for e in entries if e.replaced_by is None], [e for e in entries if e.replaced_by is not None]


def regulation_for_user(*, user: Any, pk: int) -> Entry:
    regulation = access.regulations_visible_to(user).filter(pk=pk).select_related("replaces").first()
    if regulation is None:
        raise Http404
    replaced_by = Regulation.objects.filter(replaces=regulation).first()
    (entry,) = _entries([regulation], review_years(regulation.organisation_id), timezone.localdate())
    return Entry(
        regulation, replaced_by, None if replaced_by else entry.review_on, replaced_by is None and entry.review_due
    )


def replaceable_for_user(*, user: Any) -> list[Regulation]:
    """The current versions, which a new version may replace."""
    return list(access.regulations_visible_to(user).filter(replaced_by__isnull=True).order_by("kind", "-adopted_on"))


def public_regulations(*, organisation_id: int) -> list[Regulation]:
    return list(access.public_regulations(organisation_id).order_by("kind", "-adopted_on", "-pk"))


def public_regulation(*, organisation_id: int, pk: int) -> Regulation:
    regulation = access.public_regulations(organisation_id).filter(pk=pk).first()
    if regulation is None:
        raise Http404
    return regulation


def due_for_review(*, today: dt.date) -> list[tuple[Regulation, dt.date]]:
    """Every current version, in every organisation, whose review date has come."""
    years = dict(RegulationSettings.objects.values_list("organisation_id", "review_years"))
    current = Regulation.objects.filter(replaced_by__isnull=True).only("pk", "organisation_id", "adopted_on")
    found = []
    for regulation in current:
        review_on = add_years(regulation.adopted_on, years.get(regulation.organisation_id, DEFAULT_REVIEW_YEARS))
        if review_on <= today:
            found.append((regulation, review_on))
    return found
