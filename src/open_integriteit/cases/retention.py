"""Retention of cases (AVG, ADR 0008): when a closed case's period ends, its content and
identities are destroyed and only the anonymised statistical record stays. Registered with
the retention registry in ``CasesConfig.ready``; the registry's daily job runs it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.services import audit_log
from open_integriteit.reports.retention import erase_reports
from open_integriteit.retention.erase import clear_encrypted, tombstone
from open_integriteit.retention.periods import PeriodTable, months_for
from open_integriteit.retention.registry import Pending, Period, Policy, ends_at, register

from .models import (
    Allegation,
    Assessment,
    Case,
    CaseAssignment,
    CaseDocument,
    CaseImplication,
    CaseImplicationWithdrawal,
    CaseReport,
    Finding,
    Hearing,
    Measure,
    Note,
    Outcome,
    Party,
    ProtectiveMeasure,
    RetaliationRisk,
)
from .selectors import case_queryset_for_user
from .workflow import State

# Months after closure; see ADR 0008 for the reasoning. Organisations may change them.
DEFAULT_RETENTION_MONTHS: dict[str, int] = {
    Outcome.NO_ACTION: 2,
    Outcome.UNFOUNDED: 2,
    Outcome.INFORMAL: 12,
    Outcome.REFERRED: 12,
    Outcome.FOUNDED: 24,
    Outcome.DISCIPLINARY: 60,
}
SUMMARY_TEXT = ("summary_description", "summary_object", "summary_findings", "summary_consequence")
SUMMARY_PLAIN = {"summary_year": None, "summary_principal": "", "summary_bureau": ""}
# The case's own rows that go whole (its documents' files too); a party only after the
# hearings, which protect the party they heard. The statistical rows (allegations with their
# findings, measures, the links to the reports) stay with their text emptied.
DELETED_BEFORE_REPORTS = (Hearing, CaseDocument, Note, Assessment, RetaliationRisk, ProtectiveMeasure, Party)
DELETED_AFTER_REPORTS = (CaseAssignment, CaseImplication, CaseImplicationWithdrawal)

# (organisation id, period key) -> months: a PeriodTable, or the organisation's current choice.
MonthsOf = Callable[[int, str], int]


def period_key(outcome: str) -> str:
    # A case closed before outcomes existed counts as the longest period.
    return f"cases.{outcome if outcome in Outcome.values else Outcome.DISCIPLINARY}"


def _chosen_months(organisation_id: int, key: str) -> int:
    return months_for(organisation_id=organisation_id, key=key)


def retention_months(*, organisation_id: int, outcome: str) -> int:
    return _chosen_months(organisation_id, period_key(outcome))


def end_of_retention(case: Case, months: MonthsOf) -> dt.datetime | None:
    """When a closed case's content goes after ``months`` (protection may still postpone it);
    None if it is not closed."""
    if case.state != State.CLOSED or case.closed_at is None:
        return None
    return ends_at(case.closed_at, months(case.organisation_id, period_key(case.outcome)))


def retention_ends(case: Case) -> dt.datetime | None:
    """When a closed case's content goes by its organisation's periods; None if not closed."""
    return end_of_retention(case, _chosen_months)


def is_due(case: Case, *, protected: bool, now: dt.datetime, months: MonthsOf) -> bool:
    """Whether a case's content goes at ``now``: it is closed, its period has ended and no
    protective measure for the reporter is running."""
    if protected:
        return False
    ends = end_of_retention(case, months)
    return ends is not None and ends <= now


def _open_protection() -> Exists:
    return Exists(ProtectiveMeasure.objects.filter(case=OuterRef("pk"), ended_on__isnull=True))


def pending(*, months: PeriodTable, user: Any = None) -> Iterator[Pending]:
    """Every closed case with its end of retention; a running protective measure postpones it."""
    cases = Case.objects.all() if user is None else case_queryset_for_user(user=user)
    closed = cases.filter(state=State.CLOSED, closed_at__isnull=False).annotate(protected=_open_protection())
    for case in closed.order_by("closed_at").iterator():
        yield pending_entry(case, protected=case.protected, months=months)  # type: ignore[attr-defined]


def pending_entry(case: Case, *, protected: bool, months: MonthsOf) -> Pending:
    """What the registry lists for one closed case: its reference, closure and end of
    retention, or why there is none yet (a running protective measure)."""
    assert case.closed_at is not None
    return Pending(
        obj=case,
        label=case.reference,
        event_at=case.closed_at,
        ends_at=None if protected else end_of_retention(case, months),
        postponed_by=_("a protective measure for the reporter is still running") if protected else "",
        url=reverse("cases:detail", args=[case.reference]),
    )


def destroy_if_due(case: Case, now: dt.datetime) -> bool:
    """The registry's destroy: checks again under the lock (reopened? protection added?)."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk, state=State.CLOSED).first()
        if locked is None:
            return False
        protected = locked.protective_measures.filter(ended_on__isnull=True).exists()
        if not is_due(locked, protected=protected, now=now, months=_chosen_months):
            return False
        return case_destroy(case=locked)


def summary_clearing(*, final: bool) -> dict[str, Any]:
    """How the case row is cleared: a summary marked final is kept for the council, one
    that never was goes with the rest of the case's text and its plain fields."""
    return {"keep": SUMMARY_TEXT} if final else {"keep": (), **SUMMARY_PLAIN}


def destruction_details(case: Case, *, reports: int, summary_kept: bool) -> dict[str, Any]:
    """The audit event's details: codes and counts, never content."""
    return {"outcome": case.outcome, "reports": reports, "summary_kept": summary_kept}


def case_destroy(*, case: Case) -> bool:
    """Destroy content and identities of one closed case and its reports, in one transaction.

    Every row that belongs to the case goes, except the statistical ones (allegations with
    their findings, measures, the links to the reports), whose text is emptied. A summary
    that was never marked final goes too: only a checked summary is kept (ADR 0008)."""
    from .services import case_transition

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != State.CLOSED:
            return False  # destroyed already, or reopened: nothing to do
        report_ids = list(CaseReport.objects.filter(case=case).values_list("report_id", flat=True))
        tombstone(CaseDocument.objects.filter(case=case).values_list("stored_name", flat=True))
        clear_encrypted(Measure.objects.filter(case=case), party=None)
        for model in DELETED_BEFORE_REPORTS:
            model.objects.filter(case=case).delete()  # type: ignore[attr-defined]
        erase_reports(report_ids=report_ids)
        clear_encrypted(Finding.objects.filter(allegation__case=case))
        clear_encrypted(Allegation.objects.filter(case=case))
        for link in DELETED_AFTER_REPORTS:
            link.objects.filter(case=case).delete()
        final = case.summary_final_at is not None
        clear_encrypted(Case.objects.filter(pk=case.pk), destroyed_at=timezone.now(), **summary_clearing(final=final))
        case_transition(case=case, by=None, transition="destroy")
        audit_log(
            action="case.destroyed",
            channel="system",
            target=case,
            details=destruction_details(case, reports=len(report_ids), summary_kept=final),
        )
    return True


def register_policy() -> None:
    register(
        Policy(
            code="cases.case",
            label=_("Cases"),
            event=_("the closure of the case"),
            destroys=_(
                "Parties, hearings, notes, assessments, risk assessments, protective measures, documents, "
                "assignments and implications; the texts of the case, its allegations, findings and measures; "
                "a summary that was never marked final; and the content, identity, messages, minutes and "
                "attachments of its reports."
            ),
            keeps=_(
                "Reference, dates, origin, ground, category, decision, outcome, external bureau and costs, "
                "referral, fraud; the outcome of each finding and the kind of each measure; the final summary "
                "for the council; per report its dates, channel, ground, category, reporter type and anonymity."
            ),
            periods=tuple(
                Period(period_key(outcome), Outcome(outcome).label, DEFAULT_RETENTION_MONTHS[outcome])
                for outcome in Outcome.values
            ),
            pending=pending,
            destroy=destroy_if_due,
        )
    )
