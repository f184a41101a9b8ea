"""Reads of cases, scoped by need-to-know (the same rules as reports, ADR 0003):
a coordinator of the organisation, or a colleague with a content role assigned to the case;
never an implicated person (in the case or in any of its reports), never the administrator.
Everyone else gets 404."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.audit.services import audit_log
from open_integriteit.reports.deadlines import report_deadlines
from open_integriteit.reports.models import Implication, Report

from .models import Case, CaseAssignment, CaseDocument

if TYPE_CHECKING:
    from django.http import HttpRequest


def _staff(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and user.can_receive_content
    )


def _implicated_cases(user: Any) -> QuerySet[Case]:
    in_reports = Implication.objects.filter(user=user).values("report__case_link__case_id")
    return Case.objects.filter(Q(implications__user=user) | Q(pk__in=in_reports))


def case_queryset_for_user(*, user: Any) -> QuerySet[Case]:
    if not _staff(user):
        return Case.objects.none()
    qs = Case.objects.filter(organisation_id=user.organisation_id).exclude(pk__in=_implicated_cases(user).values("pk"))
    if not user.has_role(Role.COORDINATOR):
        qs = qs.filter(Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user=user)))
    return qs


def user_can_handle_case(*, user: Any, case: Case) -> bool:
    return case_queryset_for_user(user=user).filter(pk=case.pk).exists()


def case_get_for_user(*, user: Any, reference: str, request: HttpRequest | None = None, log: bool = True) -> Case:
    case = (
        case_queryset_for_user(user=user).select_related("category", "organisation").filter(reference=reference).first()
    )
    if case is None:
        raise Http404
    if log:
        audit_log(action="case.viewed", actor=user, target=case, request=request)
    return case


def case_reports(*, case: Case) -> QuerySet[Report]:
    return Report.objects.filter(case_link__case=case).order_by("received_at")


def case_deadline_state(case: Case, *, now: dt.datetime | None = None) -> str:
    """The most urgent open deadline state of the case's reports ('' when none is open)."""
    order = {"overdue": 0, "due_soon": 1, "on_time": 2}
    reports = [link.report for link in case.case_reports.all()]  # prefetched by the case list
    states = [
        d.state
        for report in reports
        for d in report_deadlines(report, now=now)
        if d.is_open and report.status != "closed"
    ]
    return min(states, key=lambda s: order.get(s, 9)) if states else ""


def case_list_for_user(*, user: Any, filters: dict[str, Any] | None = None) -> list[Case]:
    filters = filters or {}
    qs = case_queryset_for_user(user=user).select_related("category").prefetch_related("case_reports__report")
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("ground"):
        qs = qs.filter(ground=filters["ground"])
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("handler"):
        qs = qs.filter(assignments__user=filters["handler"])
    if filters.get("year"):
        qs = qs.filter(created_at__year=filters["year"])
    cases = list(qs.order_by("-created_at").distinct()[:500])
    now = timezone.now()
    for case in cases:
        case.deadline_state = case_deadline_state(case, now=now)  # type: ignore[attr-defined]
    if filters.get("deadline"):
        cases = [c for c in cases if c.deadline_state == filters["deadline"]]  # type: ignore[attr-defined]
    return cases


def case_timeline(*, case: Case) -> QuerySet[AuditEvent]:
    """Everything that happened to the case and its reports, oldest first (no content)."""
    report_ids = [str(pk) for pk in case_reports(case=case).values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(object_type="cases.case", object_id=str(case.pk)) | Q(object_type="reports.report", object_id__in=report_ids)
    ).order_by("sequence")


def document_get_for_user(*, user: Any, pk: int) -> CaseDocument:
    document = CaseDocument.objects.select_related("case").filter(pk=pk).first()
    if document is None or not user_can_handle_case(user=user, case=document.case):
        raise Http404
    return document
