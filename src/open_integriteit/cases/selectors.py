"""Reads of cases, scoped by need-to-know. Who may see a case is decided in
``access.cases`` (ADR 0015); everyone else gets 404."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Case as DbCase
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from open_integriteit.access import cases as access
from open_integriteit.access import roles
from open_integriteit.accounts.models import User
from open_integriteit.audit.models import AuditEvent
from open_integriteit.audit.models import Channel as AuditChannel
from open_integriteit.audit.services import audit_log
from open_integriteit.reports import selectors as report_selectors
from open_integriteit.reports.models import Assignment, Report

from .models import Case, CaseAssignment, CaseDocument, Party, PartyRole

if TYPE_CHECKING:
    from django.http import HttpRequest


def case_queryset_for_user(*, user: Any) -> QuerySet[Case]:
    return access.cases_visible_to(user)


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


# The columns of a case that its list shows (the working title is added by the page; the
# CSV export leaves it out, as it is content).
LIST_FIELDS = ("reference", "organisation_id", "state", "ground", "category", "created_at", "closed_at")


def case_list_queryset_for_user(
    *, user: Any, filters: dict[str, Any] | None = None, now: dt.datetime | None = None, with_title: bool = True
) -> QuerySet[Case]:
    """The case list, newest first, filtered and annotated with ``deadline_state`` (the most
    urgent open deadline of its reports, '' when none) in the database, so it pages."""
    filters = filters or {}
    conditions = report_selectors.deadline_state_filters(now=now or timezone.now())
    reports = Report.objects.filter(case_link__case=OuterRef("pk"))
    fields = (*LIST_FIELDS, "title") if with_title else LIST_FIELDS
    qs = (
        case_queryset_for_user(user=user)
        .select_related("category")
        .only(*fields)
        .annotate(
            deadline_state=DbCase(
                *(
                    When(Exists(reports.filter(conditions[s])), then=Value(s))
                    for s in ("overdue", "due_soon", "on_time")
                ),
                default=Value(""),
                output_field=CharField(),
            )
        )
    )
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("ground"):
        qs = qs.filter(ground=filters["ground"])
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("handler"):
        qs = qs.filter(Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user=filters["handler"])))
    if filters.get("year"):
        qs = qs.filter(created_at__year=filters["year"])
    if filters.get("deadline"):
        qs = qs.filter(deadline_state=filters["deadline"])
    return qs.order_by("-created_at", "-pk")


def case_handler_names(case: Case) -> list[str]:
    """Full names of the case's handlers (prefetch ``assignments__user``)."""
    return sorted(a.user.get_full_name() or a.user.get_username() for a in case.assignments.all())


def case_timeline(*, case: Case, user: Any) -> QuerySet[AuditEvent]:
    """Everything that happened to the case and its reports, oldest first (no content).

    What the reporter did (submitting, mailbox log-ins and reads, replies) is for the
    reporting point only (ADR 0006); the page shows those events by date, not time."""
    report_ids = [str(pk) for pk in case_reports(case=case).values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        Q(object_type="cases.case", object_id=str(case.pk)) | Q(object_type="reports.report", object_id__in=report_ids)
    )
    if not access.can_see_reporter_activity(user, case):
        events = events.exclude(channel=AuditChannel.REPORTER)
    return events.order_by("sequence")


def assignable_users(*, case: Case) -> QuerySet[User]:
    """Colleagues who may be assigned to the case: content roles, not implicated."""
    return (
        roles.content_staff_of(case.organisation_id)
        .exclude(pk__in=access.implicated_in_case(case.pk))
        .order_by("last_name", "first_name", "username")
    )


def implicatable_people(*, user: Any, case: Case) -> QuerySet[User]:
    """The people the user may mark implicated in the case (active, not marked yet)."""
    return (
        access.people_user_may_implicate(user, case)
        .filter(is_active=True)
        .exclude(case_implications__case=case)
        .order_by("last_name", "username")
    )


def subjects_not_implicated(*, case: Case) -> QuerySet[Party]:
    """Subjects of the case who have an account and are not marked implicated: a handler who
    may not decide named them, and the coordinator (or principal) is asked to decide."""
    return (
        case.parties.filter(role=PartyRole.SUBJECT, user__isnull=False)
        .exclude(user__in=access.implicated_in_case(case.pk))
        .exclude(user__in=case.implication_withdrawals.values("user_id"))
        .select_related("user")
    )


def handlers_with_assignments(*, organisation_id: int) -> QuerySet[User]:
    """Colleagues (also ones who already left) assigned to a case or to a report outside a
    case: what they handle can be handed over."""
    on_cases = CaseAssignment.objects.values("user_id")
    on_loose_reports = Assignment.objects.filter(report__case_link__isnull=True).values("user_id")
    return (
        User.objects.filter(organisation_id=organisation_id)
        .filter(Q(pk__in=on_cases) | Q(pk__in=on_loose_reports))
        .order_by("last_name", "first_name", "username")
    )


def document_get_for_user(*, user: Any, pk: int) -> CaseDocument:
    document = CaseDocument.objects.select_related("case").filter(pk=pk).first()
    if document is None or not access.can_view_case(user, document.case):
        raise Http404
    return document
