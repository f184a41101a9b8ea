"""Reads of reports, scoped by need-to-know. The only way views get at a report.

Who may see a report is decided in ``access.reports`` (ADR 0006, ADR 0015): everyone
without need-to-know gets 404, never 403, so existence is not leaked.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from open_integriteit.access import reports as access
from open_integriteit.access import roles
from open_integriteit.accounts.models import User
from open_integriteit.audit.models import Channel as AuditChannel
from open_integriteit.audit.services import audit_log

from . import overview, receipts
from .models import Assignment, Attachment, IdentityGrant, Report, Status

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.organisations.models import Organisation


def report_queryset_for_user(*, user: Any) -> QuerySet[Report]:
    """All reports the user has need-to-know for (none for anyone else)."""
    return access.reports_visible_to(user)


def report_get_for_user(*, user: Any, reference: str, request: HttpRequest | None = None, log: bool = True) -> Report:
    """The report, or 404. Every successful read is written to the audit trail."""
    report = (
        report_queryset_for_user(user=user)
        .select_related("category", "organisation")
        .filter(reference=reference)
        .first()
    )
    if report is None:
        raise Http404
    if log:
        audit_log(action="report.viewed", actor=user, target=report, request=request)
    return report


def report_get_registered_by(*, user: Any, reference: str) -> Report:
    """The report the user registered, for the page after registering it (its reference and
    the receipt code, not its content: not logged as a read), or 404."""
    report = Report.objects.filter(organisation_id=user.organisation_id, reference=reference).first()
    if report is None or not access.can_see_registration(user, report):
        raise Http404
    return report


def report_list_for_user(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Report]:
    """The report list, newest first. Only non-content columns are loaded: the list (and
    its CSV export) never decrypts what the reporter wrote."""
    filters = filters or {}
    qs = report_queryset_for_user(user=user).select_related("category").only(*LIST_FIELDS)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("ground"):
        qs = qs.filter(ground=filters["ground"])
    if filters.get("year"):
        qs = qs.filter(received_at__year=filters["year"])
    return qs.order_by("-received_at", "-pk")


# The columns of a report that lists show: no content, nothing encrypted.
LIST_FIELDS = (
    "reference",
    "organisation_id",
    "channel",
    "ground",
    "category",
    "anonymity",
    "status",
    "received_at",
    "acknowledged_at",
    "feedback_at",
    "closed_at",
)


def handler_names(reports: list[Report]) -> dict[int, list[str]]:
    """The full names of who handles each report: its case's assignees when it is in a case,
    else its own. Two queries for any number of reports (none for an empty list)."""
    ids = [report.pk for report in reports]
    names: dict[int, list[str]] = {pk: [] for pk in ids}
    if not ids:
        return names
    rows = list(
        Assignment.objects.filter(report_id__in=ids, report__case_link__isnull=True).values_list(
            "report_id", "user__first_name", "user__last_name", "user__username"
        )
    )
    rows += list(
        User.objects.filter(case_assignments__case__case_reports__report_id__in=ids).values_list(
            "case_assignments__case__case_reports__report_id", "first_name", "last_name", "username"
        )
    )
    for report_id, first_name, last_name, username in rows:
        names[report_id].append(f"{first_name} {last_name}".strip() or username)
    return {pk: sorted(people) for pk, people in names.items()}


def report_inbox_for_user(*, user: Any) -> QuerySet[Report]:
    """New reports waiting for acknowledgement, oldest first."""
    return report_queryset_for_user(user=user).filter(status=Status.NEW).order_by("received_at")


def deadlines_for_user(
    *, user: Any, now: dt.datetime | None = None, kind: str = "", state: str = "", handler: Any = None
) -> QuerySet[Report]:
    """The user's reports with an open deadline, most urgent first (``overview.with_deadline``)."""
    return overview.filter_deadlines(
        report_queryset_for_user(user=user).select_related("category").only(*LIST_FIELDS),
        now=now or timezone.now(),
        kind=kind,
        state=state,
        handler=handler,
    )


def deadline_counts_for_user(*, user: Any, now: dt.datetime | None = None) -> dict[str, dict[str, int]]:
    return overview.deadline_counts(report_queryset_for_user(user=user), now=now or timezone.now())


def deadline_handlers_for_user(*, user: Any) -> QuerySet[User]:
    """The colleagues who handle a report or case the user may see (the overview's filter)."""
    visible = report_queryset_for_user(user=user)
    on_report = visible.filter(assignments__isnull=False).values("assignments__user")
    on_case = visible.filter(case_link__case__assignments__isnull=False).values("case_link__case__assignments__user")
    return (
        User.objects.filter(organisation_id=user.organisation_id)
        .filter(Q(pk__in=on_report) | Q(pk__in=on_case))
        .order_by("last_name", "first_name", "username")
    )


def assignable_users(*, report: Report) -> QuerySet[User]:
    """Colleagues who may be assigned to the report: content roles, not implicated."""
    return (
        roles.content_staff_of(report.organisation_id)
        .exclude(pk__in=access.implicated_in_report(report))
        .order_by("last_name", "first_name", "username")
    )


def organisation_people(*, report: Report) -> QuerySet[User]:
    return User.objects.filter(organisation_id=report.organisation_id, is_active=True).order_by("last_name", "username")


def implicatable_people(*, user: Any, report: Report) -> QuerySet[User]:
    """The people the user may mark implicated in the report (active, not marked yet)."""
    return (
        access.people_user_may_implicate(user, report)
        .filter(is_active=True)
        .exclude(report_implications__report=report)
        .order_by("last_name", "username")
    )


def report_team(*, report: Report) -> QuerySet[User]:
    """Who handles the report: the colleagues assigned to it, or to its case."""
    return access.report_team(report).order_by("last_name", "first_name", "username")


def report_handlers(*, report: Report) -> QuerySet[User]:
    """Who should hear about news on the report: its team, or else the coordinators."""
    team = access.report_team(report)
    if team.exists():
        return team
    return access.reporting_point_for(report)


def new_report_recipients(*, report: Report) -> QuerySet[User]:
    """Who hears that a new report has arrived: the reporting point (its active, not
    implicated coordinators), except whoever registered it themselves."""
    recipients = access.reporting_point_for(report)
    if report.registered_by_id is not None:
        recipients = recipients.exclude(pk=report.registered_by_id)
    return recipients.order_by("pk")


def identity_grants(*, report: Report) -> QuerySet[IdentityGrant]:
    """The active grants to see the reporter's identity."""
    return report.identity_grants.filter(revoked_at__isnull=True).select_related("user", "granted_by")


def report_get_for_receipt(*, organisation: Organisation, code: str) -> Report | None:
    """The report a receipt code opens, within this organisation only; also a code stored
    under an older hash version (``services.report_receipt_rehash`` then brings it up to date)."""
    normalised = receipts.normalise_code(code)
    if normalised is None:
        return None
    for receipt_hash in receipts.candidate_hashes(normalised):
        report = Report.objects.filter(organisation=organisation, receipt_hash=receipt_hash).first()
        if report is not None:
            return report
    return None


# What the reporter's pages need besides the content: read without decrypting anything.
REPORTER_FACTS = (
    "pk",
    "organisation_id",
    "reference",
    "channel",
    "status",
    "received_at",
    "acknowledged_at",
    "feedback_at",
    "closed_at",
)


def report_get_for_reporter(
    *, organisation: Organisation, report_id: int | None, log: bool = True, content: bool = True
) -> Report:
    """The report of a reporter's mailbox session; the read is logged without any address.

    ``content=False`` (a download, a receipt page) leaves the encrypted text undecrypted."""
    qs = Report.objects.filter(organisation=organisation)
    if not content:
        qs = qs.only(*REPORTER_FACTS)
    report = qs.filter(pk=report_id).first() if report_id else None
    if report is None:
        raise Http404
    if log:
        audit_log(action="report.viewed", channel=AuditChannel.REPORTER, target=report)
    return report


def reporter_visible_attachments(*, report: Report) -> QuerySet[Attachment]:
    """The files the reporter may fetch in their mailbox: what they sent (with the form or a
    message later) and files attached to a message to them; never a file staff added."""
    return Attachment.objects.filter(report=report).filter(Q(from_reporter=True) | Q(message__isnull=False))


def report_files_of_reporter(*, report: Report) -> QuerySet[Attachment]:
    """The files the reporter sent with the report itself (not with a later message)."""
    return reporter_visible_attachments(report=report).filter(message__isnull=True)


def attachment_get_for_user(*, user: Any, pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("report").filter(pk=pk).first()
    if attachment is None or not access.can_view_report(user, attachment.report):
        raise Http404
    return attachment


def attachment_get_for_reporter(*, report: Report, pk: int) -> Attachment:
    """A file of the mailbox session's own report, or 404 (another report's id, a staff file)."""
    attachment = reporter_visible_attachments(report=report).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    attachment.report = report  # the session's report, already read (without its content)
    return attachment


def deadline_state_filters(*, now: dt.datetime) -> dict[str, Q]:
    """For each state ("overdue", "due_soon", "on_time"): the condition on a report that it
    has an open deadline in that state (for lists of other apps, e.g. cases)."""
    open_deadline = ~Q(status=Status.CLOSED) & Q(feedback_at__isnull=True)
    return {state: open_deadline & condition for state, condition in overview.state_conditions(now=now).items()}
