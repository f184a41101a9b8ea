"""Writes on the procurement deviations and Bibob checks: typed, keyword-only, atomic and
audited. Audit details hold ids and codes only — never a subject, an amount or a name.

Bibob per year and kind: records or an entered total, never both. Recording a check in a
year with an entered total of its kind is refused (``figures.services.refuse_when_entered``);
saving a total for a year with records of that kind is refused too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import procurement as access
from open_integriteit.audit.services import audit_log
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.figures.registry import year_bounds
from open_integriteit.figures.services import refuse_when_entered

from .models import BibobCheck, BibobField, BibobKind, Deviation
from .statistics import KIND_KEYS as BIBOB_KEYS

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.lists.models import ListEntry
    from open_integriteit.organisations.models import Organisation


def _require_keeper(by: User, organisation_id: int) -> None:
    if not access.can_keep_procurement(by, organisation_id):
        raise PermissionDenied


def _check_date(date: dt.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})


# Deviations ---------------------------------------------------------------------------------


def deviation_record(
    *,
    organisation: Organisation,
    by: User,
    date: dt.date,
    subject: str,
    amount: Decimal,
    procedure: str,
    reason: ListEntry,
    explanation: str = "",
    decided_by: str,
    request: HttpRequest | None = None,
) -> Deviation:
    """Record a decision to deviate from the procurement rules."""
    _require_keeper(by, organisation.pk)
    _check_date(date)
    with transaction.atomic():
        deviation = Deviation(
            organisation=organisation,
            date=date,
            subject=subject.strip(),
            amount=amount,
            procedure=procedure,
            reason=reason,
            explanation=explanation.strip(),
            decided_by=decided_by.strip(),
        )
        deviation.full_clean()
        deviation.save()
        audit_log(action="procurement.deviation_recorded", actor=by, target=deviation, request=request)
    return deviation


def deviation_update(
    *,
    deviation: Deviation,
    by: User,
    date: dt.date,
    subject: str,
    amount: Decimal,
    procedure: str,
    reason: ListEntry,
    explanation: str = "",
    decided_by: str,
    request: HttpRequest | None = None,
) -> Deviation:
    """Correct a recorded deviation."""
    _require_keeper(by, deviation.organisation_id)
    _check_date(date)
    with transaction.atomic():
        deviation.date = date
        deviation.subject = subject.strip()
        deviation.amount = amount
        deviation.procedure = procedure
        deviation.reason = reason
        deviation.explanation = explanation.strip()
        deviation.decided_by = decided_by.strip()
        deviation.full_clean()
        deviation.save()
        audit_log(action="procurement.deviation_changed", actor=by, target=deviation, request=request)
    return deviation


# Bibob checks -------------------------------------------------------------------------------


def bibob_record(
    *,
    organisation: Organisation,
    by: User,
    date: dt.date,
    kind: str,
    field: str,
    outcome: str,
    request: HttpRequest | None = None,
) -> BibobCheck:
    """Record one quick scan or investigation; refused in a year with an entered total of its kind."""
    _require_keeper(by, organisation.pk)
    _check_date(date)
    with transaction.atomic():
        check = BibobCheck(organisation=organisation, date=date, kind=kind, field=field, outcome=outcome)
        check.full_clean()
        refuse_when_entered(organisation=organisation, keys=[BIBOB_KEYS[BibobKind(kind)]], on=date, field="date")
        check.save()
        audit_log(
            action="procurement.bibob_recorded",
            actor=by,
            target=check,
            request=request,
            details={"kind": kind, "field": field, "outcome": outcome},
        )
    return check


def bibob_delete(*, check: BibobCheck, by: User, request: HttpRequest | None = None) -> None:
    """Remove a check recorded by mistake (or to enter the year as a total instead)."""
    _require_keeper(by, check.organisation_id)
    with transaction.atomic():
        audit_log(
            action="procurement.bibob_deleted",
            actor=by,
            organisation_id=check.organisation_id,
            request=request,
            details={"check_id": check.pk, "kind": check.kind},
        )
        check.delete()


def bibob_totals_save(
    *,
    organisation: Organisation,
    by: User,
    year: int,
    totals: Mapping[str, Mapping[str, int]],
    source: str = "",
    request: HttpRequest | None = None,
) -> None:
    """Enter a year's Bibob checks as totals: ``totals[kind][field]`` is a number of checks.

    Each kind becomes the entered total of its figure, with the fields as its breakdown; a kind
    whose numbers are all zero has no total (an existing one is removed). Refused for a kind that
    has records in that year: a year has records or a total, never both.
    """
    _require_keeper(by, organisation.pk)
    start, end = year_bounds(year)
    with transaction.atomic():
        for kind, key in BIBOB_KEYS.items():
            per_field = {f: int(n) for f, n in totals.get(kind, {}).items() if int(n) > 0 and f in BibobField.values}
            existing = EnteredTotal.objects.filter(organisation=organisation, key=key, year=year)
            if not per_field:
                existing.delete()
                continue
            records = BibobCheck.objects.filter(organisation=organisation, kind=kind, date__gte=start, date__lt=end)
            if records.exists():
                raise ValidationError(
                    _(
                        "%(year)s already has recorded checks of the kind “%(kind)s”. A year has either records "
                        "or a total: delete those records first, or leave the totals of this kind empty."
                    )
                    % {"year": year, "kind": BibobKind(kind).label}
                )
            entered = existing.first() or EnteredTotal(organisation=organisation, key=key, year=year)
            entered.total = Decimal(sum(per_field.values()))
            entered.breakdown = per_field
            entered.source = source.strip()
            entered.entered_by = by
            entered.full_clean()
            entered.save()
        audit_log(
            action="procurement.bibob_totals_saved",
            actor=by,
            organisation_id=organisation.pk,
            request=request,
            details={"year": year},
        )
