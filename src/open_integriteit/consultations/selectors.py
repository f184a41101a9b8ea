"""Reads of the contact log, scoped by need-to-know. The only way views get at it.

Who sees what:
- a confidential adviser whose account keeps an adviser's log (``Adviser.user``) sees and
  edits that log only — never another adviser's;
- the coordinator of the organisation sees counts only, per year and topic, over all
  advisers (``counts_for_coordinator``), never a single contact;
- nobody else: not the administrator, not another organisation. They get 404, never 403.

``consultation_counts`` takes no user: it is aggregate-only, for the annual report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from open_integriteit.access import consultations as access
from open_integriteit.accounts.models import User
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries, entries_for_choice

from .models import Adviser, Contact, YearTotal
from .topics import TOPICS

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation


@dataclass(frozen=True)
class TopicCount:
    """One row of the counts: never more detailed than a topic in a year."""

    topic: ListEntry
    contacts: int
    conversations: int
    led_to_report: int


def adviser_for_user(*, user: Any) -> Adviser:
    """The adviser whose log this user keeps, or 404."""
    adviser = access.own_log(user)
    if adviser is None:
        raise Http404
    return adviser


def contact_list_for_user(*, user: Any, year: int | None = None) -> QuerySet[Contact]:
    adviser = adviser_for_user(user=user)
    qs = Contact.objects.filter(adviser=adviser).select_related("topic")
    if year:
        qs = qs.filter(date__year=year)
    return qs.order_by("-date", "-pk")


def contact_get_for_user(*, user: Any, pk: int) -> Contact:
    """One contact of the user's own log, or 404 (also for a contact of another adviser)."""
    adviser = adviser_for_user(user=user)
    contact = Contact.objects.select_related("topic", "adviser").filter(pk=pk, adviser=adviser).first()
    if contact is None:
        raise Http404
    return contact


def year_totals_for_user(*, user: Any, year: int) -> dict[int, YearTotal]:
    """The year totals of the user's own external service for one year, by topic id."""
    adviser = adviser_for_user(user=user)
    return {t.topic_id: t for t in YearTotal.objects.filter(adviser=adviser, year=year)}


def adviser_years_for_user(*, user: Any) -> list[int]:
    """The years with entries in the user's own log or year totals, newest first."""
    adviser = adviser_for_user(user=user)
    years = set(
        Contact.objects.filter(adviser=adviser)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    years |= set(YearTotal.objects.filter(adviser=adviser).order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def topics_for_organisation(*, organisation: Organisation | int, include: Iterable[int] = ()) -> QuerySet[ListEntry]:
    """Topics in use, plus the given topic ids (so an existing entry keeps its topic)."""
    return entries_for_choice(organisation=organisation, kind=TOPICS.code, include=include)


def _counts(contacts: QuerySet[Contact], totals: QuerySet[YearTotal], topics: QuerySet[ListEntry]) -> list[TopicCount]:
    sums: dict[int, list[int]] = {}
    for row in (
        contacts.order_by()
        .values("topic_id")
        .annotate(n=Count("id"), conversations=Sum("conversations"), led=Count("id", filter=Q(led_to_report=True)))
    ):
        sums[row["topic_id"]] = [row["n"], row["conversations"] or 0, row["led"]]
    for row in (
        totals.order_by()
        .values("topic_id")
        .annotate(n=Sum("contacts"), conversations=Sum("conversations"), led=Sum("led_to_report"))
    ):
        current = sums.setdefault(row["topic_id"], [0, 0, 0])
        current[0] += row["n"] or 0
        current[1] += row["conversations"] or 0
        current[2] += row["led"] or 0
    rows = []
    for topic in topics.filter(Q(active=True) | Q(pk__in=list(sums))).order_by("position", "pk"):
        contacts_n, conversations_n, led_n = sums.get(topic.pk, [0, 0, 0])
        rows.append(TopicCount(topic, contacts_n, conversations_n, led_n))
    return rows


def consultation_counts(*, organisation: Organisation, year: int) -> list[TopicCount]:
    """Aggregate-only counts for one year, per topic, over all advisers of the organisation.

    Combines contact-by-contact logs (by the contact's date) and the year totals of
    external services. Every topic in use is listed (zero counts included), plus switched-off
    topics that still have counts that year. Takes no user: for the annual report, and for
    ``counts_for_coordinator``. Never returns a single contact.
    """
    return _counts(
        Contact.objects.filter(organisation=organisation, date__year=year),
        YearTotal.objects.filter(organisation=organisation, year=year),
        entries(organisation=organisation, kind=TOPICS.code),
    )


def consultation_years(*, organisation: Organisation) -> list[int]:
    """The years with any logged contact or year total, newest first (for the year selector)."""
    years = set(
        Contact.objects.filter(organisation=organisation)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    years |= set(
        YearTotal.objects.filter(organisation=organisation).order_by().values_list("year", flat=True).distinct()
    )
    return sorted(years, reverse=True)


def _require_coordinator(user: Any) -> None:
    if not access.can_oversee(user):
        raise Http404


def years_for_coordinator(*, user: Any) -> list[int]:
    """The years with data in the coordinator's organisation, or 404 for anyone else."""
    _require_coordinator(user)
    return consultation_years(organisation=user.organisation)


def counts_for_coordinator(*, user: Any, year: int) -> list[TopicCount]:
    """The coordinator's overview: counts only, or 404 for anyone but the organisation's coordinator."""
    _require_coordinator(user)
    return consultation_counts(organisation=user.organisation, year=year)


def adviser_counts_for_user(*, user: Any, year: int) -> list[TopicCount]:
    """The adviser's own counts for a year (their log and year totals), for their own page."""
    adviser = adviser_for_user(user=user)
    return _counts(
        Contact.objects.filter(adviser=adviser, date__year=year),
        YearTotal.objects.filter(adviser=adviser, year=year),
        entries(organisation=adviser.organisation_id, kind=TOPICS.code),
    )


def adviser_list_for_coordinator(*, user: Any) -> QuerySet[Adviser]:
    _require_coordinator(user)
    return Adviser.objects.filter(organisation_id=user.organisation_id).select_related("user")


def adviser_get_for_coordinator(*, user: Any, pk: int) -> Adviser:
    adviser = adviser_list_for_coordinator(user=user).filter(pk=pk).first()
    if adviser is None:
        raise Http404
    return adviser


def linkable_users(*, organisation: Organisation, adviser: Adviser | None = None) -> QuerySet[User]:
    """Accounts that may keep an adviser's log (``access.consultations``), not already keeping
    another adviser's log."""
    taken = Adviser.objects.filter(user__isnull=False)
    if adviser is not None:
        taken = taken.exclude(pk=adviser.pk)
    return (
        access.possible_log_keepers(organisation.pk)
        .exclude(pk__in=taken.values("user_id"))
        .order_by("last_name", "first_name", "username")
    )


def current_year() -> int:
    return timezone.localdate().year
