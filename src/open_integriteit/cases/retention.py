"""Retention (AVG): when a closed case's period ends, destroy its content and identities and
keep only the anonymised statistical record (ADR 0008). Idempotent and resumable."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from open_integriteit.audit.services import audit_log
from open_integriteit.encryption import storage
from open_integriteit.reports.deadlines import add_months
from open_integriteit.reports.models import (
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
)

from .models import (
    Allegation,
    Assessment,
    Case,
    CaseAssignment,
    CaseDocument,
    CaseImplication,
    CaseImplicationWithdrawal,
    FileTombstone,
    Finding,
    Hearing,
    Measure,
    Note,
    Outcome,
    Party,
    ProtectiveMeasure,
    RetaliationRisk,
    RetentionPolicy,
)
from .workflow import State

logger = logging.getLogger(__name__)

# Months after closure; see ADR 0008 for the reasoning. Organisations may change them.
DEFAULT_RETENTION_MONTHS: dict[str, int] = {
    Outcome.NO_ACTION: 2,
    Outcome.UNFOUNDED: 2,
    Outcome.INFORMAL: 12,
    Outcome.REFERRED: 12,
    Outcome.FOUNDED: 24,
    Outcome.DISCIPLINARY: 60,
}


def retention_months(*, organisation_id: int, outcome: str) -> int:
    policy = RetentionPolicy.objects.filter(organisation_id=organisation_id, outcome=outcome).first()
    if policy is not None:
        return policy.months
    return DEFAULT_RETENTION_MONTHS.get(outcome, max(DEFAULT_RETENTION_MONTHS.values()))


def retention_ends(case: Case) -> dt.datetime | None:
    if case.state != State.CLOSED or case.closed_at is None:
        return None
    return add_months(
        timezone.localtime(case.closed_at), retention_months(organisation_id=case.organisation_id, outcome=case.outcome)
    )


def cases_due_for_destruction(*, now: dt.datetime | None = None) -> list[Case]:
    """Closed cases whose period has ended and whose protection of the reporter has ended."""
    now = now or timezone.now()
    due = []
    # ~Exists, not exclude(protective_measures__ended_on__isnull=True): that form joins
    # LEFT OUTER and so also excluded every case without any protective measure.
    open_protection = ProtectiveMeasure.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)
    for case in Case.objects.filter(state=State.CLOSED).exclude(Exists(open_protection)).iterator():
        if case.protective_measures.filter(ended_on__isnull=True).exists():
            continue
        ends = retention_ends(case)
        if ends is not None and ends <= now:
            due.append(case)
    return due


def _tombstone(names: list[str]) -> None:
    for name in names:
        FileTombstone.objects.get_or_create(stored_name=name)


def purge_tombstones() -> int:
    """Remove files whose rows are gone. Runs first, so an interrupted run finishes its work."""
    removed = 0
    for tombstone in FileTombstone.objects.all().iterator():
        storage.delete(tombstone.stored_name)
        tombstone.delete()
        removed += 1
    return removed


def case_destroy(*, case: Case) -> None:
    """Destroy content and identities of one closed case and its reports, in one transaction."""
    from .services import case_transition

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != State.CLOSED:
            return  # destroyed already, or reopened: nothing to do
        reports = list(Report.objects.filter(case_link__case=case))
        report_ids = [r.pk for r in reports]
        _tombstone(list(Attachment.objects.filter(report_id__in=report_ids).values_list("stored_name", flat=True)))
        _tombstone(list(CaseDocument.objects.filter(case=case).values_list("stored_name", flat=True)))
        Attachment.objects.filter(report_id__in=report_ids).delete()
        Message.objects.filter(report_id__in=report_ids).delete()
        Minutes.objects.filter(report_id__in=report_ids).delete()
        ReporterIdentity.objects.filter(report_id__in=report_ids).delete()
        IdentityDisclosure.objects.filter(report_id__in=report_ids).delete()
        IdentityGrant.objects.filter(report_id__in=report_ids).delete()
        ImplicationWithdrawal.objects.filter(report_id__in=report_ids).delete()
        Assignment.objects.filter(report_id__in=report_ids).delete()
        Implication.objects.filter(report_id__in=report_ids).delete()
        DeadlineReminder.objects.filter(report_id__in=report_ids).delete()
        Report.objects.filter(pk__in=report_ids).update(
            what_happened="",
            when_where="",
            involved="",
            how_known="",
            reported_elsewhere_detail="",
            receipt_hash=None,
        )
        Hearing.objects.filter(case=case).delete()
        CaseDocument.objects.filter(case=case).delete()
        Measure.objects.filter(case=case).update(description="", party=None)
        Party.objects.filter(case=case).delete()
        Note.objects.filter(case=case).delete()
        Assessment.objects.filter(case=case).delete()
        RetaliationRisk.objects.filter(case=case).delete()
        ProtectiveMeasure.objects.filter(case=case).delete()
        Finding.objects.filter(allegation__case=case).update(explanation="")
        Allegation.objects.filter(case=case).update(description="")
        CaseAssignment.objects.filter(case=case).delete()
        CaseImplication.objects.filter(case=case).delete()
        CaseImplicationWithdrawal.objects.filter(case=case).delete()
        Case.objects.filter(pk=case.pk).update(
            title="", signal="", decision_reason="", lessons_learned="", destroyed_at=timezone.now()
        )
        case_transition(case=case, by=None, transition="destroy")
        audit_log(
            action="case.destroyed",
            channel="system",
            target=case,
            details={"outcome": case.outcome, "reports": len(report_ids)},
        )
    transaction.on_commit(purge_tombstones)


def run_retention(*, now: dt.datetime | None = None) -> int:
    """The worker's job: finish interrupted work, destroy what is due. Returns cases destroyed."""
    purge_tombstones()
    destroyed = 0
    for case in cases_due_for_destruction(now=now):
        case_destroy(case=case)
        destroyed += 1
    purge_tombstones()
    if destroyed and connection.vendor == "sqlite" and not connection.in_atomic_block:
        # (Inside a transaction SQLite refuses the checkpoint, and it could not reach
        # uncommitted pages anyway.)
        with connection.cursor() as cursor:
            # Old page versions must not linger in the write-ahead log either.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if destroyed:
        logger.info("retention: destroyed %d cases", destroyed)
    return destroyed
