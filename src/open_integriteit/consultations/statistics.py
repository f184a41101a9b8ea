"""The confidential advisers' figures of a year (issue 9, ADR 0025): contacts logged one by one
count by their date; an external service's year totals count in their year. Per adviser and
year there is either a log or year totals, never both (``services``), so adding them up never
counts a contact twice. The numbers are those of the coordinator's overview
(``selectors.consultation_counts``, three queries)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import Tally
from open_integriteit.figures.registry import Spec, Value
from open_integriteit.lists.selectors import entries

from .selectors import consultation_counts
from .topics import TOPICS

RULE = _("by the date of the contact; year totals of an external service in their year")


def topics(organisation: Any) -> tuple[tuple[str, Any], ...]:
    """The breakdown rows of an entered total of contacts: the organisation's adviser topics
    (switched-off ones too: an earlier year may have had them)."""
    return tuple((entry.code, entry.name) for entry in entries(organisation=organisation, kind=TOPICS.code))


SPECS = (
    Spec("consultations.contacts", _("Contacts with the confidential advisers"), RULE, enterable=True, rows=topics),
    Spec("consultations.conversations", _("Conversations of the confidential advisers"), RULE),
    Spec("consultations.led_to_report", _("Contacts that led to a formal report"), RULE),
)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    tallies = {name: Tally() for name in ("contacts", "conversations", "led_to_report")}
    for row in consultation_counts(organisation=organisation, year=year):
        for name, tally in tallies.items():
            if getattr(row, name):
                tally.add(row.topic.code, getattr(row, name), row.topic.name)
    return {f"consultations.{name}": tally.value() for name, tally in tallies.items()}
