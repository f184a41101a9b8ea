"""Writes on the survey indicators. Keep it small: add or change an indicator, record (or
correct) its measurement of a year, remove a measurement. Every write is audited with ids
and years only."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.access.indicators import can_manage_indicators
from open_integriteit.audit.services import audit_log

from .models import Indicator, Measurement

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation


def _require_manager(by: User, organisation_id: int) -> None:
    if not can_manage_indicators(by, organisation_id):
        raise PermissionDenied


def _check_name_free(organisation_id: int, name: str, pk: int | None = None) -> None:
    taken = Indicator.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        raise ValidationError({"name": _("There is already an indicator with this name.")})


def indicator_create(
    *,
    organisation: Organisation,
    by: User,
    name: str,
    unit: str,
    question: str = "",
    request: HttpRequest | None = None,
) -> Indicator:
    _require_manager(by, organisation.pk)
    name = name.strip()
    with transaction.atomic():
        _check_name_free(organisation.pk, name)
        indicator = Indicator(organisation=organisation, name=name, unit=unit, question=question.strip())
        indicator.full_clean()
        indicator.save()
        audit_log(action="indicators.indicator_created", actor=by, target=indicator, request=request)
    return indicator


def indicator_update(
    *,
    indicator: Indicator,
    by: User,
    name: str,
    unit: str,
    question: str = "",
    request: HttpRequest | None = None,
) -> Indicator:
    _require_manager(by, indicator.organisation_id)
    name = name.strip()
    with transaction.atomic():
        _check_name_free(indicator.organisation_id, name, pk=indicator.pk)
        indicator.name, indicator.unit, indicator.question = name, unit, question.strip()
        indicator.full_clean()
        indicator.save()
        audit_log(action="indicators.indicator_changed", actor=by, target=indicator, request=request)
    return indicator


def measurement_record(
    *,
    indicator: Indicator,
    by: User,
    year: int,
    value: Decimal,
    source: str,
    request: HttpRequest | None = None,
) -> Measurement:
    """The indicator's value in ``year``; a year measured before is corrected (one per year)."""
    _require_manager(by, indicator.organisation_id)
    with transaction.atomic():
        measurement = Measurement.objects.select_for_update().filter(indicator=indicator, year=year).first()
        changed = measurement is not None
        if measurement is None:
            measurement = Measurement(indicator=indicator, year=year)
        measurement.value, measurement.source, measurement.recorded_by = value, source.strip(), by
        measurement.full_clean()
        measurement.save()
        audit_log(
            action="indicators.measurement_changed" if changed else "indicators.measurement_recorded",
            actor=by,
            target=measurement,
            organisation_id=indicator.organisation_id,
            request=request,
            details={"indicator": indicator.pk, "year": year},
        )
    return measurement


def measurement_remove(*, measurement: Measurement, by: User, request: HttpRequest | None = None) -> None:
    indicator = measurement.indicator
    _require_manager(by, indicator.organisation_id)
    with transaction.atomic():
        audit_log(
            action="indicators.measurement_removed",
            actor=by,
            target=measurement,
            organisation_id=indicator.organisation_id,
            request=request,
            details={"indicator": indicator.pk, "year": measurement.year},
        )
        measurement.delete()
