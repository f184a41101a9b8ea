"""The advice figures of a year (issue 9, ADR 0025): an advice request counts in the year of
its date (when the question was received), also after retention emptied its question and
advice (the row keeps its date and topic). One query for all figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import Tally, choice_labels, date_in, entry_fields, entry_name, grouped
from open_integriteit.figures.registry import Spec, Value

from .models import AdviceRequest, ReceivedVia

RULE = _("by the date the question was received")

SPECS = (
    Spec("advice.requests", _("Advice given"), RULE),
    Spec("advice.received_via", _("Advice given, per way the question came in"), RULE),
)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    topic = entry_fields("topic")
    rows = grouped(
        AdviceRequest.objects.filter(organisation=organisation, **date_in("date", year)),
        "received_via",
        *topic,
        "topic__position",
        n=Count("pk"),
    )
    rows.sort(key=lambda row: (row["topic__position"], row[topic[0]]))
    by_topic, via = Tally({}), Tally(choice_labels(ReceivedVia))
    for row in rows:
        by_topic.add(row[topic[0]], row["n"], entry_name(row, "topic"))
        via.add(row["received_via"], row["n"])
    return {"advice.requests": by_topic.value(), "advice.received_via": via.value()}
