"""Retention of advice requests (ADR 0008): the question and the advice may be recognisable
to colleagues, so they go a period after the date of the question; the anonymised summary,
topic, date and channel stay for the annual reports of later years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.services import audit_log
from open_integriteit.retention.erase import clear_encrypted
from open_integriteit.retention.periods import PeriodTable
from open_integriteit.retention.registry import Pending, Period, Policy, ends_at, register

from .models import AdviceRequest
from .selectors import advice_list_for_user

PERIOD = Period("advice.request", _("Advice requests: months after the question"), 24)


def _asked(record: AdviceRequest) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(record.date, dt.time.min))


def retention_ends(record: AdviceRequest) -> dt.datetime | None:
    if record.destroyed_at is not None:
        return None
    return ends_at(
        _asked(record), PeriodTable(organisation_id=record.organisation_id)(record.organisation_id, PERIOD.key)
    )


def pending(*, months: PeriodTable, user: Any = None) -> Iterator[Pending]:
    records = AdviceRequest.objects.all() if user is None else advice_list_for_user(user=user)
    for record in records.filter(destroyed_at__isnull=True).select_related("topic").order_by("date"):
        yield Pending(
            obj=record,
            label=f"{record.date:%d-%m-%Y} {record.topic}",
            event_at=_asked(record),
            ends_at=ends_at(_asked(record), months(record.organisation_id, PERIOD.key)),
            url=reverse("advice:detail", args=[record.pk]),
        )


def destroy_if_due(record: AdviceRequest, now: dt.datetime) -> bool:
    with transaction.atomic():
        locked = AdviceRequest.objects.select_for_update().filter(pk=record.pk, destroyed_at__isnull=True).first()
        if locked is None:
            return False
        end = retention_ends(locked)
        if end is None or end > now:
            return False
        clear_encrypted(
            AdviceRequest.objects.filter(pk=locked.pk), keep=["anonymised_summary"], destroyed_at=timezone.now()
        )
        audit_log(action="advice.destroyed", channel="system", target=locked, details={"topic": locked.topic.code})
    return True


def register_policy() -> None:
    register(
        Policy(
            code="advice.request",
            label=_("Advice requests"),
            event=_("the date of the question"),
            destroys=_("The question and the advice given."),
            keeps=_("Date, received via, topic and the anonymised summary for the annual report."),
            periods=(PERIOD,),
            pending=pending,
            destroy=destroy_if_due,
        )
    )
