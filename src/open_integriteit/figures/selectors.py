"""Reads of the figures app: the entered totals laid over the counted figures, the list of
entered totals, and the year overview ("Cijfers") for the coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone

from open_integriteit.access.figures import can_enter_totals, can_read_figures
from open_integriteit.audit.services import audit_log

from . import registry
from .models import EnteredTotal
from .registry import Figure, Number, Row, Spec


def _number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else value


def row_labels(spec: Spec, organisation: Any) -> dict[str, Any]:
    """The labels of the rows the figure knows (``Spec.rows``), by row key."""
    return dict(spec.rows(organisation)) if spec.rows is not None else {}


def entered_rows(entered: EnteredTotal, labels: dict[str, Any]) -> tuple[Row, ...]:
    """The entered breakdown as rows, in the order the figure knows them (unknown keys last)."""
    order = {key: position for position, key in enumerate(labels)}
    keys = sorted(entered.breakdown, key=lambda k: (order.get(k, len(order)), k))
    return tuple(
        Row(key=key, label=labels.get(key, key), value=_number(Decimal(str(entered.breakdown[key])))) for key in keys
    )


def apply_entered_totals(*, organisation: Any, year: int, figures: dict[str, Figure]) -> dict[str, Figure]:
    """Replace each figure that has an entered total for ``year`` by that total (one query)."""
    entered = EnteredTotal.objects.filter(organisation=organisation, year=year, key__in=list(figures))
    for total in entered:
        figure = figures[total.key]
        labels = {**{row.key: row.label for row in figure.breakdown}, **row_labels(figure.spec, organisation)}
        figures[total.key] = registry.with_total(
            figure, _number(total.total), entered_rows(total, labels), entered=True
        )
    return figures


# --- Pages ---------------------------------------------------------------------------------


def require_reader(*, user: Any) -> None:
    if not can_read_figures(user, getattr(user, "organisation_id", None)):
        raise Http404


def require_enterer(*, user: Any) -> None:
    if not can_enter_totals(user, getattr(user, "organisation_id", None)):
        raise Http404


def overview_years(*, today: Any = None) -> list[int]:
    """The years to choose from on the overview: the last ten, newest first."""
    this_year = (today or timezone.localdate()).year
    return list(range(this_year, this_year - 10, -1))


def overview_for_reader(*, user: Any, year: int, request: HttpRequest | None = None) -> list[Figure]:
    """Every figure of the user's organisation in ``year``, in app order; the read is audited."""
    require_reader(user=user)
    figures = registry.year_figures(organisation=user.organisation, year=year)
    audit_log(action="figures.viewed", actor=user, request=request, details={"year": year})
    return list(figures.values())


@dataclass(frozen=True)
class EnteredYear:
    entered: EnteredTotal
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class EnterableFigure:
    spec: Spec
    totals: list[EnteredYear]  # newest year first


def entered_for_enterer(*, user: Any) -> list[EnterableFigure]:
    """Each enterable figure with the totals entered for it (one query); totals entered for a
    figure that is no longer enterable are listed too, so they can be removed."""
    require_enterer(user=user)
    enterable = registry.enterable_specs()
    totals = list(EnteredTotal.objects.filter(organisation_id=user.organisation_id).order_by("key", "-year"))
    stale = {t.key for t in totals if t.key not in enterable}
    all_specs = registry.specs()
    specs = [*enterable.values()] + [all_specs.get(key) or Spec(key=key, label=key, rule="") for key in sorted(stale)]
    result = []
    for spec in specs:
        labels = row_labels(spec, user.organisation)
        years = [EnteredYear(t, entered_rows(t, labels)) for t in totals if t.key == spec.key]
        result.append(EnterableFigure(spec, years))
    return result


def enterable_for_enterer(*, user: Any) -> dict[str, Spec]:
    require_enterer(user=user)
    return registry.enterable_specs()


def enterable_spec_for_enterer(*, user: Any, key: str) -> Spec:
    spec = enterable_for_enterer(user=user).get(key)
    if spec is None:
        raise Http404
    return spec


def entered_get_for_enterer(*, user: Any, pk: int) -> EnteredTotal:
    require_enterer(user=user)
    entered = EnteredTotal.objects.filter(organisation_id=user.organisation_id, pk=pk).first()
    if entered is None:
        raise Http404
    return entered


def entered_find(*, user: Any, key: str, year: int) -> EnteredTotal | None:
    require_enterer(user=user)
    return EnteredTotal.objects.filter(organisation_id=user.organisation_id, key=key, year=year).first()
