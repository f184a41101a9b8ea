"""The confidential advisers' figures of a year (issue 9, ADR 0025): contacts logged one by one
count by their date; an external service's year totals count in their year. Per adviser and
year there is either a log or year totals, never both (``services``), so adding them up never
counts a contact twice. Two queries for all figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import Tally, date_in, entry_fields, entry_name, grouped
from open_integriteit.figures.registry import Spec, Value

from .models import Contact, YearTotal

RULE = _("by the date of the contact; year totals of an external service in their year")

SPECS = (
    Spec("consultations.contacts", _("Contacts with the confidential advisers"), RULE, enterable=True),
    Spec("consultations.conversations", _("Conversations of the confidential advisers"), RULE),
    Spec("consultations.led_to_report", _("Contacts that led to a formal report"), RULE),
)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    topic = entry_fields("topic")
    logged = grouped(
        Contact.objects.filter(organisation=organisation, **date_in("date", year)),
        *topic,
        "topic__position",
        contacts=Count("pk"),
        conversations=Sum("conversations"),
        led_to_report=Count("pk", filter=Q(led_to_report=True)),
    )
    totals = grouped(
        YearTotal.objects.filter(organisation=organisation, year=year),
        *topic,
        "topic__position",
        contacts=Sum("contacts"),
        conversations=Sum("conversations"),
        led_to_report=Sum("led_to_report"),
    )
    rows = sorted([*logged, *totals], key=lambda row: (row["topic__position"], row[topic[0]]))
    tallies = {name: Tally({}) for name in ("contacts", "conversations", "led_to_report")}
    for row in rows:
        for name, tally in tallies.items():
            if row[name]:
                tally.add(row[topic[0]], row[name], entry_name(row, "topic"))
    return {f"consultations.{name}": tally.value() for name, tally in tallies.items()}
