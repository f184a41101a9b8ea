"""Retention of reports (AVG, ADR 0008).

A report in a case goes with its case (``cases.retention`` calls ``erase_reports``). A report
that never joined a case is destroyed by its own policy: a set period after the coordinator
closed it, or, if nobody ever closed it, a longer period after the last sign of life (a
message either way, minutes offered or approved): a report is never kept for ever.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.services import audit_log
from open_integriteit.retention.erase import clear_encrypted, tombstone
from open_integriteit.retention.periods import PeriodTable
from open_integriteit.retention.registry import Pending, Period, Policy, ends_at, register

from .models import (
    Assignment,
    Attachment,
    DeadlineReminder,
    IdentityDisclosure,
    IdentityGrant,
    Implication,
    ImplicationWithdrawal,
    Message,
    Minutes,
    Report,
    ReporterIdentity,
    Status,
)
from .selectors import report_queryset_for_user

CLOSED = Period("reports.closed", _("Reports closed without a case: months after closure"), 3)
INACTIVE = Period("reports.inactive", _("Reports never closed, outside a case: months after the last activity"), 12)


def erase_reports(*, report_ids: list[int]) -> None:
    """Destroy content and identities of these reports, in the caller's transaction. What
    stays: dates, channel, ground, category, reporter type, anonymity, closure reason. The
    receipt code no longer opens the mailbox."""
    attachments = Attachment.objects.filter(report_id__in=report_ids)
    tombstone(attachments.values_list("stored_name", flat=True))
    attachments.delete()
    for model in (
        Message,
        Minutes,
        ReporterIdentity,
        IdentityDisclosure,
        IdentityGrant,
        ImplicationWithdrawal,
        Assignment,
        Implication,
        DeadlineReminder,
    ):
        model.objects.filter(report_id__in=report_ids).delete()  # type: ignore[attr-defined]
    now = timezone.now()
    reports = Report.objects.filter(pk__in=report_ids)
    reports.filter(closed_at__isnull=True).update(closed_at=now)
    clear_encrypted(reports, receipt_hash=None, status=Status.CLOSED, destroyed_at=now)


def _outside_cases(user: Any) -> QuerySet[Report]:
    """Reports outside any case that still hold content, with their last sign of life (no
    content is decrypted for this)."""
    reports = Report.objects.all() if user is None else report_queryset_for_user(user=user)
    return (
        reports.filter(case_link__isnull=True, destroyed_at__isnull=True)
        .only("reference", "organisation_id", "status", "received_at", "closed_at")
        .annotate(
            last_message=Max("messages__created_at"),
            minutes_offered=F("minutes__offered_at"),
            minutes_approved=F("minutes__approved_at"),
        )
    )


def _end(report: Any, months: PeriodTable) -> tuple[dt.datetime, dt.datetime]:
    """(the event the period runs from, the end of the period) of a report of ``_outside_cases``.

    Closed: the closure. Never closed: the last sign of life (received, a message either
    way, minutes offered or approved)."""
    if report.status == Status.CLOSED and report.closed_at is not None:
        return report.closed_at, ends_at(report.closed_at, months(report.organisation_id, CLOSED.key))
    moments = (report.received_at, report.last_message, report.minutes_offered, report.minutes_approved)
    event = max(moment for moment in moments if moment is not None)
    return event, ends_at(event, months(report.organisation_id, INACTIVE.key))


def retention_ends(report: Report) -> dt.datetime | None:
    """When the report's content goes; None in a case (the case decides) or once destroyed."""
    annotated = _outside_cases(None).filter(pk=report.pk).first()
    if annotated is None:
        return None
    return _end(annotated, PeriodTable(organisation_id=report.organisation_id))[1]


def pending(*, months: PeriodTable, user: Any = None) -> Iterator[Pending]:
    for report in _outside_cases(user).order_by("received_at").iterator():
        event, end = _end(report, months)
        yield Pending(
            obj=report,
            label=report.reference,
            event_at=event,
            ends_at=end,
            url=reverse("reports:staff_report", args=[report.reference]),
        )


def destroy_if_due(report: Report, now: dt.datetime) -> bool:
    """Destroy a report outside a case whose period has ended (checked again under the lock:
    it may have joined a case or had a message since)."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)  # as ``case_add_report`` does
        current = _outside_cases(None).filter(pk=locked.pk).first()
        if current is None:
            return False
        _event, end = _end(current, PeriodTable(organisation_id=locked.organisation_id))
        if end > now:
            return False
        rule = "closed" if current.status == Status.CLOSED else "inactive"
        erase_reports(report_ids=[locked.pk])
        audit_log(action="report.destroyed", channel="system", target=locked, details={"rule": rule})
    return True


def register_policy() -> None:
    register(
        Policy(
            code="reports.outside_case",
            label=_("Reports that never joined a case"),
            event=_("the closure of the report, or, if it was never closed, its last activity"),
            destroys=_(
                "The report's texts, the reporter's identity, messages, minutes, attachments, identity "
                "disclosures, assignments and implications; the receipt code no longer opens the mailbox."
            ),
            keeps=_("Reference, dates, channel, ground, category, reporter type, anonymity and reason for closing."),
            periods=(CLOSED, INACTIVE),
            pending=pending,
            destroy=destroy_if_due,
        )
    )
