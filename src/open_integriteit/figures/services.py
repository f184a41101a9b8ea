"""Writes of the figures app, and the guard every app's record-creating service calls.

A year has either records or an entered total for a figure, never both: entering a total
is refused while records of that figure exist in that year, and recording something dated
in a year that has an entered total is refused with a Dutch message (``refuse_when_entered``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access.figures import can_enter_totals
from open_integriteit.audit.services import audit_log

from . import registry
from .models import EnteredTotal
from .registry import Number

if TYPE_CHECKING:
    from django.http import HttpRequest


def refuse_when_entered(*, organisation: Any, keys: Iterable[str], on: dt.date | int, field: str | None = None) -> None:
    """Raise ``ValidationError`` when any of ``keys`` has an entered total in the year of ``on``.

    Call it inside the service's transaction, before saving a record that a figure with
    one of these keys would count in that year. ``field`` names the form field the message
    belongs to (the date), so the form shows it there and keeps what the user typed.
    """
    year = on if isinstance(on, int) else on.year
    keys = list(keys)
    if not keys:
        return
    # The same lock ``entered_total_set`` takes: a total entered meanwhile by another
    # coordinator waits for this record, or this record waits and sees the total.
    type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
    if not EnteredTotal.objects.filter(organisation=organisation, year=year, key__in=keys).exists():
        return
    message = _(
        "For %(year)s a total was entered by hand instead of records. Remove that total first "
        "(Figures of earlier years), or choose a date in another year."
    ) % {"year": year}
    raise ValidationError({field: message} if field else message)


def _require_enterer(by: Any, organisation_id: int) -> None:
    if not can_enter_totals(by, organisation_id):
        raise PermissionDenied


def _counted(*, organisation: Any, key: str, year: int) -> Number | None:
    """What the records of ``year`` count for ``key``, without any entered total."""
    figure = registry.year_figures(organisation=organisation, year=year, keys=[key], overlays=False).get(key)
    return figure.total if figure is not None else None


def _clean_breakdown(spec: registry.Spec, organisation: Any, breakdown: Mapping[str, Any]) -> dict[str, Number]:
    """Only the rows the figure knows, and only those with a number (empty rows are left out)."""
    known = {key for key, _label in spec.rows(organisation)} if spec.rows is not None else set()
    unknown = sorted(set(breakdown) - known)
    if unknown:
        raise ValidationError(_("This figure has no breakdown row %(rows)s.") % {"rows": ", ".join(unknown)})
    cleaned: dict[str, Number] = {}
    for key, value in breakdown.items():
        if value is None or value == "":
            continue
        number = Decimal(str(value))
        if number < 0:
            raise ValidationError(_("A number in the breakdown cannot be negative."))
        cleaned[key] = int(number) if number == number.to_integral_value() else number
    return cleaned


def entered_total_set(
    *,
    organisation: Any,
    key: str,
    year: int,
    total: Decimal | int,
    breakdown: Mapping[str, Any] | None = None,
    source: str = "",
    by: Any,
    request: HttpRequest | None = None,
) -> EnteredTotal:
    """Enter (or correct) the total of an enterable figure for a year without records.

    Refused while records of that figure exist in that year: a year has either records or
    an entered total, never both. The breakdown offers the rows the figure knows
    (``Spec.rows``); it need not add up to the total (a contact can have several topics).
    """
    _require_enterer(by, organisation.pk)
    spec = registry.enterable_specs().get(key)
    if spec is None:
        raise ValidationError({"key": _("Totals cannot be entered for this figure.")})
    if year >= timezone.localdate().year:
        # The current year is counted from records: a total here would shut the intake of
        # staff-registered reports, contacts and oaths for the rest of the year.
        raise ValidationError({"year": _("Totals can be entered only for years before this one.")})
    if spec.unit == registry.Unit.COUNT and Decimal(total) != Decimal(total).to_integral_value():
        raise ValidationError({"total": _("Enter a whole number: this figure counts.")})
    rows = _clean_breakdown(spec, organisation, breakdown or {})
    with transaction.atomic():
        # One writer per organisation at a time: two coordinators entering the same year wait.
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
        counted = _counted(organisation=organisation, key=key, year=year)
        if counted:
            raise ValidationError(
                {
                    "year": _(
                        "In %(year)s records were kept of this figure (%(count)s): the records count, a total "
                        "cannot be entered as well. Choose another year."
                    )
                    % {"year": year, "count": counted}
                }
            )
        entered = EnteredTotal.objects.filter(organisation=organisation, key=key, year=year).first()
        changed = entered is not None
        if entered is None:
            entered = EnteredTotal(organisation=organisation, key=key, year=year)
        entered.total, entered.breakdown = Decimal(total), {k: str(v) for k, v in rows.items()}
        entered.source, entered.entered_by = source.strip(), by
        entered.full_clean()
        entered.save()
        audit_log(
            action="figures.total_changed" if changed else "figures.total_entered",
            actor=by,
            target=entered,
            request=request,
            details={"key": key, "year": year},
        )
    return entered


def entered_total_remove(*, entered: EnteredTotal, by: Any, request: HttpRequest | None = None) -> None:
    """Remove an entered total: the year counts its records again (none, until some are kept)."""
    _require_enterer(by, entered.organisation_id)
    with transaction.atomic():
        audit_log(
            action="figures.total_removed",
            actor=by,
            target=entered,
            request=request,
            details={"key": entered.key, "year": entered.year},
        )
        entered.delete()
