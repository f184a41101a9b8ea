"""Writes on advice requests. Keep it small: typed, keyword-only, atomic and audited; audit
details hold ids and codes only, never the question, the advice or the summary."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from open_integriteit.access.advice import can_handle_advice
from open_integriteit.audit.services import audit_log
from open_integriteit.core.anonymity import AnonymityCheck

from .models import AdviceRequest
from .topics import ADVICE_TOPICS

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.lists.models import ListEntry
    from open_integriteit.organisations.models import Organisation


DESTROYED = _lazy(
    "The question and the advice were destroyed after the retention period; this request can no longer be changed."
)


def _check(*, organisation_id: int, date: dt.date, topic: ListEntry, anonymised_summary: str) -> None:
    """The date is not in the future, the topic is one of the organisation's, and the summary
    leads back to nobody the organisation knows (``core.anonymity``)."""
    errors: dict[str, list[str]] = {}
    if date > timezone.localdate():
        errors["date"] = [_("The date cannot be in the future.")]
    if not topic.belongs_to(kind=ADVICE_TOPICS.code, organisation_id=organisation_id):
        errors["topic"] = [_("Choose a topic of your own organisation.")]
    problems = AnonymityCheck.for_organisation(organisation_id).problems(anonymised_summary)
    if problems:
        errors["anonymised_summary"] = [
            _("The summary goes into the annual report and may not lead back to a person."),
            *(p.message for p in problems),
        ]
    if errors:
        raise ValidationError(errors)


def advice_register(
    *,
    organisation: Organisation,
    by: User,
    date: dt.date,
    received_via: str,
    topic: ListEntry,
    question: str,
    advice: str,
    anonymised_summary: str,
    request: HttpRequest | None = None,
) -> AdviceRequest:
    """Register a question on an integrity dilemma and the advice given."""
    if not can_handle_advice(by, organisation.pk):
        raise PermissionDenied
    _check(organisation_id=organisation.pk, date=date, topic=topic, anonymised_summary=anonymised_summary)
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
            details={"topic": topic.code, "received_via": record.received_via},
        )
    return record


def advice_change(
    *,
    advice_request: AdviceRequest,
    by: User,
    date: dt.date,
    received_via: str,
    topic: ListEntry,
    question: str,
    advice: str,
    anonymised_summary: str,
    request: HttpRequest | None = None,
) -> AdviceRequest:
    if not can_handle_advice(by, advice_request.organisation_id):
        raise PermissionDenied
    _check(
        organisation_id=advice_request.organisation_id, date=date, topic=topic, anonymised_summary=anonymised_summary
    )
    with transaction.atomic():
        if AdviceRequest.objects.select_for_update().filter(pk=advice_request.pk, destroyed_at__isnull=False).exists():
            raise ValidationError(DESTROYED)
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
            details={"topic": topic.code},
        )
    return advice_request
