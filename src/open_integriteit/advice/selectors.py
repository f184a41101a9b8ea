"""Reads of advice requests, scoped by need-to-know: the coordinators of the organisation,
nobody else (not the administrator, not another organisation) — 404, never 403.

``advice_summary_for_year`` takes no user: counts and anonymised summaries only, for the
annual report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from open_integriteit.access import advice as access
from open_integriteit.audit.services import audit_log
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries, entries_for_choice, entries_for_filter

from .models import AdviceRequest
from .topics import ADVICE_TOPICS

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.organisations.models import Organisation


def require_advice_access(*, user: Any) -> int:
    """The id of the user's organisation if they may work with advice requests, else 404."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None or not access.can_handle_advice(user, organisation_id):
        raise Http404
    return int(organisation_id)


def advice_list_for_user(
    *, user: Any, year: int | None = None, topic: ListEntry | None = None
) -> QuerySet[AdviceRequest]:
    qs = AdviceRequest.objects.filter(organisation_id=require_advice_access(user=user)).select_related("topic")
    if year:
        qs = qs.filter(date__year=year)
    if topic:
        qs = qs.filter(topic=topic)
    return qs.order_by("-date", "-pk")


def advice_get_for_user(*, user: Any, pk: int, request: HttpRequest | None = None, log: bool = True) -> AdviceRequest:
    """The advice request, or 404. Every read of its content is written to the audit trail."""
    record = advice_list_for_user(user=user).filter(pk=pk).first()
    if record is None:
        raise Http404
    if log:
        audit_log(action="advice.viewed", actor=user, target=record, request=request)
    return record


def advice_topics_for_choice(*, user: Any, record: AdviceRequest | None = None) -> QuerySet[ListEntry]:
    """The topics to register an advice request under (a changed request keeps its topic)."""
    return entries_for_choice(
        organisation=require_advice_access(user=user),
        kind=ADVICE_TOPICS.code,
        include=[record.topic_id] if record is not None else [],
    )


def advice_topics_for_filter(*, user: Any) -> QuerySet[ListEntry]:
    organisation_id = require_advice_access(user=user)
    used = AdviceRequest.objects.filter(organisation_id=organisation_id).values("topic_id")
    return entries_for_filter(organisation=organisation_id, kind=ADVICE_TOPICS.code, used=used)


def advice_years_for_user(*, user: Any) -> list[int]:
    """The years with advice requests, newest first (for the year filter)."""
    dates = AdviceRequest.objects.filter(organisation_id=require_advice_access(user=user)).dates("date", "year")
    return sorted({d.year for d in dates}, reverse=True)


@dataclass(frozen=True)
class AdviceTopicCount:
    topic: str
    label: str
    count: int


@dataclass(frozen=True)
class AdviceSummary:
    topic: str
    label: str
    summary: str


@dataclass(frozen=True)
class AdviceYearSummary:
    year: int
    counts: list[AdviceTopicCount]
    summaries: list[AdviceSummary]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)


def advice_topic_counts(*, organisation: Organisation, year: int) -> list[AdviceTopicCount]:
    """The number of advice requests per topic in ``year`` (by their date): every topic in
    use, zeros included, plus switched-off topics that still have requests that year. Two
    queries; the annual report's summary and the statistics (``statistics.py``) read it."""
    qs = AdviceRequest.objects.filter(organisation=organisation, date__year=year)
    per_topic = dict(qs.order_by().values_list("topic_id").annotate(n=Count("id")))
    topics = entries(organisation=organisation, kind=ADVICE_TOPICS.code).filter(
        Q(active=True) | Q(pk__in=list(per_topic))
    )
    return [AdviceTopicCount(topic.code, topic.name, per_topic.get(topic.pk, 0)) for topic in topics]


def advice_summary_for_year(*, organisation: Organisation, year: int) -> AdviceYearSummary:
    """For the annual report: the number of advice requests per topic (every topic in use,
    zeros included, plus switched-off topics that still have requests that year) and the
    anonymised summaries, by date. Never the question or the advice."""
    qs = AdviceRequest.objects.filter(organisation=organisation, date__year=year)
    counts = advice_topic_counts(organisation=organisation, year=year)
    summaries = [
        AdviceSummary(record.topic.code, record.topic.name, record.anonymised_summary)
        for record in qs.select_related("topic").order_by("date", "pk")
    ]
    return AdviceYearSummary(year=year, counts=counts, summaries=summaries)
