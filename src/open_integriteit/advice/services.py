"""Writes on advice requests. Keep it small: typed, keyword-only, atomic and audited; audit
details hold ids and codes only, never the question, the advice or the summary."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access.advice import can_handle_advice
from open_integriteit.audit.services import audit_log

from .models import AdviceRequest

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation


def _check_date(date: dt.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})


def advice_register(
    *,
    organisation: Organisation,
    by: User,
    date: dt.date,
    received_via: str,
    topic: str,
    question: str,
    advice: str,
    anonymised_summary: str,
    request: HttpRequest | None = None,
) -> AdviceRequest:
    """Register a question on an integrity dilemma and the advice given."""
    if not can_handle_advice(by, organisation.pk):
        raise PermissionDenied
    _check_date(date)
    with transaction.atomic():
        record = AdviceRequest(
            organisation=organisation,
            date=date,
            received_via=received_via,
            topic=topic,
            question=question,
            advice=advice,
            anonymised_summary=anonymised_summary.strip(),
            registered_by=by,
        )
        record.full_clean()
        record.save()
        audit_log(
            action="advice.registered",
            actor=by,
            target=record,
            request=request,
            details={"topic": record.topic, "received_via": record.received_via},
        )
    return record


def advice_change(
    *,
    advice_request: AdviceRequest,
    by: User,
    date: dt.date,
    received_via: str,
    topic: str,
    question: str,
    advice: str,
    anonymised_summary: str,
    request: HttpRequest | None = None,
) -> AdviceRequest:
    if not can_handle_advice(by, advice_request.organisation_id):
        raise PermissionDenied
    _check_date(date)
    with transaction.atomic():
        advice_request.date = date
        advice_request.received_via = received_via
        advice_request.topic = topic
        advice_request.question = question
        advice_request.advice = advice
        advice_request.anonymised_summary = anonymised_summary.strip()
        advice_request.full_clean()
        advice_request.save()
        audit_log(
            action="advice.changed",
            actor=by,
            target=advice_request,
            request=request,
            details={"topic": advice_request.topic},
        )
    return advice_request
