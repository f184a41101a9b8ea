"""The advice figures of a year (issue 9, ADR 0025): an advice request counts in the year of
its date (when the question was received), also after retention emptied its question and
advice (the row keeps its date and topic). Three queries for all figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import Tally, choice_labels, date_in, grouped
from open_integriteit.figures.registry import Spec, Value

from .models import AdviceRequest, ReceivedVia
from .selectors import advice_topic_counts

RULE = _("by the date the question was received")

SPECS = (
    Spec("advice.requests", _("Advice given"), RULE),
    Spec("advice.received_via", _("Advice given, per way the question came in"), RULE),
)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    by_topic, via = Tally(), Tally(choice_labels(ReceivedVia))
    for count in advice_topic_counts(organisation=organisation, year=year):
        if count.count:
            by_topic.add(count.topic, count.count, count.label)
    requests = AdviceRequest.objects.filter(organisation=organisation, **date_in("date", year))
    for row in grouped(requests, "received_via", n=Count("pk")):
        via.add(row["received_via"], row["n"])
    return {"advice.requests": by_topic.value(), "advice.received_via": via.value()}
