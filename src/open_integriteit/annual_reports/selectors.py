"""Reads of the annual reports, scoped by need-to-know (``access.annual_reports``): 404 for
anyone who may not open them. Opening a report is an audit event."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from open_integriteit.access import annual_reports as access
from open_integriteit.audit.services import audit_log

from .models import AnnualReport, ReportState, Section, TemplateChapter


def require_access(*, user: Any) -> int:
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None or not access.can_manage_annual_reports(user, organisation_id):
        raise Http404
    return int(organisation_id)


def reports_for_user(*, user: Any) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(organisation_id=require_access(user=user))


def report_for_user(*, user: Any, pk: int, request: HttpRequest | None = None, log: bool = True) -> AnnualReport:
    try:
        report = reports_for_user(user=user).select_related("organisation").get(pk=pk)
    except AnnualReport.DoesNotExist:
        raise Http404 from None
    if log:
        audit_log(action="annual_reports.viewed", actor=user, target=report, request=request)
    return report


def section_for_user(*, user: Any, pk: int, key: str, request: HttpRequest | None = None) -> Section:
    """A chapter of a report; opening it (a GET with ``request``) is audited: a draft's text may
    name people before the privacy check has looked at it."""
    report = report_for_user(user=user, pk=pk, log=False)
    try:
        section = report.sections.get(key=key)
    except Section.DoesNotExist:
        raise Http404 from None
    if request is not None and request.method == "GET":
        audit_log(action="annual_reports.viewed", actor=user, target=report, request=request, details={"section": key})
    return section


def published_reports(*, organisation: Any) -> QuerySet[AnnualReport]:
    """Published reports of an organisation, newest first: public, no user needed."""
    return AnnualReport.objects.filter(organisation=organisation, state=ReportState.PUBLISHED).prefetch_related("files")


def template_chapter_for_user(*, user: Any, pk: int) -> TemplateChapter:
    """A chapter of the user's organisation's report template, or 404."""
    try:
        return TemplateChapter.objects.select_related("organisation").get(
            pk=pk, organisation_id=require_access(user=user)
        )
    except TemplateChapter.DoesNotExist:
        raise Http404 from None
