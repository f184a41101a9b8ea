"""The case file as a PDF, for the principal or the external bureau (issue 7).

The file holds what the downloading user may see of the case, and nothing else: it is
built from the same selectors and ``access`` predicates as the case page. The reporter's
identity is never in it: it is shown only through the disclosure step on the report page,
each time with a logged reason (ADR 0006), and a file would be an unlogged copy of it.

The PDF is tagged (PDF/UA-1, document language Dutch, a title), in the organisation's
colour with its logo, with Dutch dates; every download is in the audit trail
(``case.exported``). It is rendered within the request and never cached.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from open_integriteit.access import cases as access
from open_integriteit.access import reports as report_access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.audit.services import audit_log
from open_integriteit.core.pdf import html_to_pdf, organisation_logo
from open_integriteit.core.views import download_response
from open_integriteit.reports.models import Attachment

from . import selectors, services, workflow
from .models import Case
from .timeline import label_events

# Reads on the case and downloads are not changes: the file's timeline lists what happened.


def case_file_context(*, user: Any, case: Case) -> dict[str, Any]:
    """What the case page shows this user, read-only, plus the text of the case's reports
    (whoever sees the case sees its reports: ``access.reports``)."""
    may = access.work_allowed(user, case)
    may["coordinate"] = access.can_coordinate_case(user, case)
    may["implicate"] = access.people_user_may_implicate(user, case).exists()
    visible_reports = report_access.reports_visible_to(user)
    reports = list(selectors.case_reports(case=case).filter(pk__in=visible_reports.values("pk")))
    attachments: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(report__in=reports, message__isnull=True).order_by("pk"):
        attachments.setdefault(attachment.report_id, []).append(attachment)
    documents: dict[int, list[Any]] = {}
    for document in case.documents.select_related("added_by"):
        documents.setdefault(document.series, []).append(document)
    # Changes only, as on the case page by default: reads stay out of the file.
    timeline, _reads = label_events(selectors.case_timeline(case=case, user=user))
    return {
        "case": case,
        "organisation": case.organisation,
        "logo": organisation_logo(case.organisation),
        "user": user,
        "generated_at": timezone.now(),
        "may": may,
        "reports": [(report, attachments.get(report.pk, [])) for report in reports],
        "parties": case.parties.select_related("report", "user"),
        "risks": case.risk_assessments.all(),
        "assessments": case.assessments.select_related("assessed_by"),
        "allegations": [(a, getattr(a, "finding", None)) for a in case.allegations.all()],
        "hearings": case.hearings.select_related("party").prefetch_related("documents"),
        "measures": case.measures.all(),
        "protections": case.protective_measures.all(),
        "documents": sorted(documents.values(), key=lambda versions: versions[0].series),
        "notes": case.notes.select_related("author"),
        "assignments": case.assignments.select_related("user") if may["coordinate"] or may["implicate"] else [],
        "implications": case.implications.select_related("user") if may["implicate"] else [],
        "retaliation_complaints": case.retaliation_complaints.all(),
        "timeline": timeline,
        "summary_fields": [
            (getattr(Case._meta.get_field(name), "verbose_name", name), getattr(case, name))
            for name in services.SUMMARY_FIELDS
        ],
        "destroyed": case.state == workflow.State.DESTROYED,
    }


def case_file_pdf(*, user: Any, case: Case) -> bytes:
    """The case file of ``case`` as this user may see it, as a tagged PDF (in Dutch)."""
    with translation.override("nl"):
        return html_to_pdf(render_to_string("cases/case_pdf.html", case_file_context(user=user, case=case)))


@staff_required
@require_GET
def case_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """Download the case file; refused (404) to anyone who may not see the case."""
    user: Any = request.user
    if not access.can_list_cases(user):
        raise Http404
    case = selectors.case_get_for_user(user=user, reference=reference, request=request, log=False)
    data = case_file_pdf(user=user, case=case)
    audit_log(action="case.exported", actor=user, target=case, request=request)
    return download_response(data, content_type="application/pdf", filename=f"{case.reference}.pdf")
