"""Figures of the annual programme (the statistics surface, ``figures.registry``).

- ``programme.actions``: the actions of the year's programme, per status (an action
  carried to the next year counts in both programmes, once in each: it is an action of
  both years).

``actions`` gives the annual report its rows: each action of the year with owner, status
and outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.registry import Row, Spec, Value

from .models import Action, Status

SPECS = (
    Spec(
        key="programme.actions",
        label=_("Actions of the annual programme"),
        rule=_("by the year of the programme"),
        identifying=False,
    ),
)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    counts = dict(
        Action.objects.filter(organisation=organisation, year=year)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    if not counts:
        return {}
    rows = tuple(
        Row(key=status.value, label=status.label, value=counts[status.value]) for status in Status if status in counts
    )
    return {"programme.actions": Value(total=sum(counts.values()), breakdown=rows)}


@dataclass(frozen=True)
class ActionRow:
    title: str
    owner: str
    theme: str
    quarter: str
    deadline: Any
    status: str
    status_label: str
    outcome: str
    carried_from_year: int | None
    carried_to_year: int | None


def actions(*, organisation: Any, year: int) -> list[ActionRow]:
    """The actions of ``year``'s programme in plan order (one query)."""
    found = (
        Action.objects.filter(organisation=organisation, year=year)
        .select_related("owner", "carried_from", "carried_to")
        .order_by("quarter", "deadline", "pk")
    )
    rows = []
    for action in found:
        try:
            carried_to = action.carried_to.year  # type: ignore[attr-defined]
        except Action.DoesNotExist:
            carried_to = None
        rows.append(
            ActionRow(
                title=str(action.title),
                owner=action.owner_name,
                theme=str(action.theme),
                quarter=action.quarter,
                deadline=action.deadline,
                status=action.status,
                status_label=str(Status(action.status).label),
                outcome=str(action.outcome),
                carried_from_year=action.carried_from.year if action.carried_from is not None else None,
                carried_to_year=carried_to,
            )
        )
    return rows
