"""Pages of the annual reports: the coordinators of the organisation only (404 for anyone
else). Opening a report is an audit event; every change goes through a service."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.audit.services import audit_log
from open_integriteit.core.forms import run_service
from open_integriteit.core.views import download_response
from open_integriteit.figures import registry
from open_integriteit.figures.formatting import figure_value
from open_integriteit.organisations.selectors import organisation_get_public

from . import document, privacy, selectors, services, tables, tasks
from . import render as outputs
from .chapters import BY_KEY
from .forms import AdoptForm, FlagAcceptForm, FlagGroupAcceptForm, ReportCreateForm, SectionForm
from .models import ReportState


@staff_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    reports = selectors.reports_for_user(user=user)
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and (
        report := run_service(form, partial(services.report_create, organisation=user.organisation, by=user))
    ):
        messages.success(request, _("The draft has been made."))
        return redirect("annual_reports:detail", pk=report.pk)
    return render(request, "annual_reports/list.html", {"reports": reports, "form": form, "nav": "annual_reports"})


@staff_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, request=request)
    return _detail(request, report, AdoptForm(), None)


@staff_required
@require_GET
def report_preview(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The report as its HTML file will read, charts and breakdowns included: for a draft what
    adoption would publish now, for an adopted report its frozen copy (audited like opening it)."""
    report = selectors.report_for_user(user=request.user, pk=pk, request=request)
    response = HttpResponse(outputs.html(report, document.current(report)), content_type=outputs.CONTENT_TYPES["html"])
    response["Cache-Control"] = "no-store"
    return response


def _detail(
    request: HttpRequest,
    report: Any,
    adopt_form: AdoptForm,
    accept_form: FlagAcceptForm | FlagGroupAcceptForm | None,
) -> HttpResponseBase:
    if request.method == "POST":
        # A refused form shows the whole report again: that is a read of it too.
        audit_log(action="annual_reports.viewed", actor=request.user, target=report, request=request)
    if report.state == ReportState.DRAFT:
        built = document.build(report)
        flags = privacy.as_rows(report, privacy.flags(report, built))
        data = document.as_dict(built)
        pending = tables.pending_summaries(report.organisation, list(report.years))
    else:
        flags, data, pending = [], report.frozen, []
    # A reason that was refused: shown at its flag or group, with what was typed.
    refused = accept_form is not None and bool(accept_form.errors)
    files = {f.format: f for f in report.files.all()}
    return render(
        request,
        "annual_reports/detail.html",
        {
            "report": report,
            "document": data,
            "sections": report.sections.all(),
            "flag_groups": privacy.grouped(flags),
            "open_flags": [row for row in flags if row["accepted"] is None],
            "pending_summaries": pending,
            "adopt_form": adopt_form,
            "failed_code": accept_form.data.get("code") if refused and accept_form is not None else None,
            "failed_group": accept_form.data.get("group") if refused and accept_form is not None else None,
            "accept_error": " ".join(str(e) for errors in accept_form.errors.values() for e in errors)
            if accept_form
            else "",
            "accept_reason": accept_form.data.get("reason", "") if accept_form is not None else "",
            "corrections": report.corrections.all(),
            "files": files,
            "file_rows": [(fmt, files.get(fmt)) for fmt in outputs.FORMATS],
            "files_ready": len(files) == len(outputs.FORMATS),
            "nav": "annual_reports",
        },
    )


@staff_required
@require_http_methods(["POST"])
def flag_accept(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, log=False)
    form = FlagAcceptForm(request.POST)
    if run_service(form, partial(services.flag_accept, report=report, by=user)):
        messages.success(request, _("The flag has been accepted."))
        return redirect("annual_reports:detail", pk=pk)
    return _detail(request, report, AdoptForm(), form)


@staff_required
@require_http_methods(["POST"])
def flag_group_accept(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, log=False)
    form = FlagGroupAcceptForm(request.POST)

    def accept(group: str, reason: str) -> Any:
        return services.flag_group_accept(report=report, groups=[group], reason=reason, by=user)

    if accepted := run_service(form, accept):
        messages.success(
            request,
            ngettext("%(count)d flag has been accepted.", "%(count)d flags have been accepted.", len(accepted))
            % {"count": len(accepted)},
        )
        return redirect("annual_reports:detail", pk=pk)
    return _detail(request, report, AdoptForm(), form)


@staff_required
@require_http_methods(["POST"])
def report_adopt(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, log=False)
    form = AdoptForm(request.POST)
    if run_service(form, partial(services.report_adopt, report=report, by=user)):
        messages.success(request, _("The report has been adopted. Its figures and text no longer change."))
        return redirect("annual_reports:detail", pk=pk)
    return _detail(request, report, form, None)


def _report_action(request: HttpRequest, pk: int, service: Any, success: str) -> HttpResponseBase:
    """A POST that runs one service on the report and goes back to its page with the outcome."""
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, log=False)
    try:
        service(report=report, by=user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("annual_reports:detail", pk=pk)


@staff_required
@require_http_methods(["POST"])
def report_publish(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _report_action(request, pk, services.report_publish, _("The report has been published on the public page."))


@staff_required
@require_http_methods(["POST"])
def report_render_again(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _report_action(request, pk, services.report_render_again, _("The files are being made again."))


@staff_required
@require_http_methods(["POST"])
def report_correct(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, log=False)
    try:
        correction = services.report_correct(report=report, by=user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("annual_reports:detail", pk=pk)
    messages.success(request, _("A corrected version has been made as a draft."))
    return redirect("annual_reports:detail", pk=correction.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, key: str) -> HttpResponseBase:
    user: Any = request.user
    section = selectors.section_for_user(user=user, pk=pk, key=key, request=request)
    initial = {"title": section.title, "enabled": section.enabled, "narrative": section.narrative}
    form = SectionForm(request.POST or None, initial=initial, year=section.report.first_year)
    if request.method == "POST" and run_service(form, partial(services.section_update, section=section, by=user)):
        messages.success(request, _("The chapter has been saved."))
        return redirect("annual_reports:detail", pk=pk)
    return render(
        request,
        "annual_reports/section_form.html",
        {
            "report": section.report,
            "section": section,
            "form": form,
            **_placeholders(section),
            "nav": "annual_reports",
        },
    )


def _placeholders(section: Any) -> dict[str, Any]:
    """The figures a coordinator can place in the chapter's text, and all figures: each with
    its placeholder, label and value in the report's last year, to copy from."""
    report = section.report
    figures = registry.year_figures(organisation=report.organisation, year=report.last_year)
    rows = {
        key: {
            "placeholder": f"{{{key}}}",
            "label": figure.spec.label,
            "value": figure_value(figure.total, figure.spec.unit),
        }
        for key, figure in sorted(figures.items())
    }
    chapter = BY_KEY.get(section.key)
    return {
        "chapter_placeholders": [rows[key] for key in (chapter.figures if chapter else ()) if key in rows],
        "all_placeholders": list(rows.values()),
        "value_year": report.last_year,
    }


@staff_required
@require_GET
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """A file of an adopted report, as made at adoption (coordinator; audited)."""
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, log=False)
    report_file = report.files.filter(format=fmt).first()
    if report_file is None:
        raise Http404
    audit_log(action="annual_reports.downloaded", actor=user, target=report, request=request, details={"format": fmt})
    return download_response(
        tasks.file_content(report_file), content_type=outputs.CONTENT_TYPES[fmt], filename=_filename(report, fmt)
    )


def _filename(report: Any, fmt: str) -> str:
    return f"{slugify(report.title)}.{fmt}"


# --- The public pages beside the registers: published reports only -------------------------


@require_GET
def public_list(request: HttpRequest, slug: str) -> HttpResponseBase:
    organisation = organisation_get_public(slug=slug)
    request.oi_organisation = organisation  # type: ignore[attr-defined]
    reports = selectors.published_reports(organisation=organisation)
    return render(
        request,
        "annual_reports/public_list.html",
        {"organisation": organisation, "reports": reports, "labels": outputs.FORMAT_LABELS},
    )


@require_GET
def public_file(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponseBase:
    organisation = organisation_get_public(slug=slug)
    report = selectors.published_reports(organisation=organisation).filter(pk=pk).first()
    report_file = report.files.filter(format=fmt).first() if report is not None else None
    if report is None or report_file is None:
        raise Http404
    content = tasks.file_content(report_file)
    if fmt == "html":
        response = HttpResponse(content, content_type=outputs.CONTENT_TYPES["html"])
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return download_response(content, content_type=outputs.CONTENT_TYPES[fmt], filename=_filename(report, fmt))
