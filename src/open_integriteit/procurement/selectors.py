"""Reads of the procurement app. Every read for a user is 404 for anyone who may not keep
the procurement records of their organisation (``access.procurement``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from open_integriteit.access import procurement as access
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.figures.registry import year_bounds
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries_for_choice

from .models import BibobCheck, Deviation
from .reasons import REASONS
from .statistics import KIND_KEYS


def current_year() -> int:
    return timezone.localdate().year


def require_keeper(*, user: Any) -> None:
    if not access.can_keep_procurement(user):
        raise Http404


def deviations_for_user(*, user: Any, year: int) -> QuerySet[Deviation]:
    require_keeper(user=user)
    start, end = year_bounds(year)
    return Deviation.objects.filter(organisation_id=user.organisation_id, date__gte=start, date__lt=end).select_related(
        "reason"
    )


def deviation_get_for_user(*, user: Any, pk: int) -> Deviation:
    require_keeper(user=user)
    deviation = Deviation.objects.filter(organisation_id=user.organisation_id, pk=pk).select_related("reason").first()
    if deviation is None:
        raise Http404
    return deviation


def reasons_for_choice(*, user: Any, include: list[Any] | None = None) -> QuerySet[ListEntry]:
    return entries_for_choice(organisation=user.organisation_id, kind=REASONS.code, include=include or [])


def bibob_checks_for_user(*, user: Any, year: int) -> QuerySet[BibobCheck]:
    require_keeper(user=user)
    start, end = year_bounds(year)
    return BibobCheck.objects.filter(organisation_id=user.organisation_id, date__gte=start, date__lt=end)


def bibob_check_get_for_user(*, user: Any, pk: int) -> BibobCheck:
    require_keeper(user=user)
    check = BibobCheck.objects.filter(organisation_id=user.organisation_id, pk=pk).first()
    if check is None:
        raise Http404
    return check


def bibob_totals_for_user(*, user: Any, year: int) -> dict[str, EnteredTotal]:
    """The entered totals of the year, by Bibob kind."""
    require_keeper(user=user)
    kinds = {key: kind for kind, key in KIND_KEYS.items()}
    totals = EnteredTotal.objects.filter(organisation_id=user.organisation_id, year=year, key__in=list(kinds))
    return {kinds[total.key]: total for total in totals}


def years_for_user(*, user: Any) -> list[int]:
    """Years that have deviations or Bibob checks or totals, for the year filter."""
    require_keeper(user=user)
    org = user.organisation_id
    years = {d.year for d in Deviation.objects.filter(organisation_id=org).dates("date", "year")}
    years |= {d.year for d in BibobCheck.objects.filter(organisation_id=org).dates("date", "year")}
    years |= set(
        EnteredTotal.objects.filter(organisation_id=org, key__in=list(KIND_KEYS.values())).values_list(
            "year", flat=True
        )
    )
    return sorted(years)
