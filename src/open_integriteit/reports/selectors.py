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

from . import receipts
from .deadlines import Deadline, report_deadlines
from .models import Attachment, IdentityGrant, Report, Status

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
    filters = filters or {}
    qs = report_queryset_for_user(user=user).select_related("category")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("ground"):
        qs = qs.filter(ground=filters["ground"])
    if filters.get("year"):
        qs = qs.filter(received_at__year=filters["year"])
    return qs.order_by("-received_at")


def report_inbox_for_user(*, user: Any) -> QuerySet[Report]:
    """New reports waiting for acknowledgement, oldest first."""
    return report_queryset_for_user(user=user).filter(status=Status.NEW).order_by("received_at")


def deadlines_open_for_user(*, user: Any, now: dt.datetime | None = None) -> list[tuple[Report, Deadline]]:
    """Every open deadline of the user's reports, soonest first (the dashboard)."""
    now = now or timezone.now()
    qs = report_queryset_for_user(user=user).exclude(status=Status.CLOSED).filter(feedback_at__isnull=True)
    rows: list[tuple[Report, Deadline]] = []
    for report in qs.only(
        "reference", "received_at", "acknowledged_at", "feedback_at", "status", "ground", "organisation_id"
    ):
        for deadline in report_deadlines(report, now=now):
            if deadline.is_open:
                rows.append((report, deadline))
                break  # the acknowledgement comes first; feedback only once acknowledged
    rows.sort(key=lambda row: row[1].due_at)
    return rows


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
    """The report a receipt code opens, within this organisation only."""
    normalised = receipts.normalise_code(code)
    if normalised is None:
        return None
    return Report.objects.filter(organisation=organisation, receipt_hash=receipts.hash_code(normalised)).first()


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
