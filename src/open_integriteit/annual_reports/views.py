"""Pages of the annual reports: the coordinators of the organisation only (404 for anyone
else). Opening a report is an audit event; every change goes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error
from open_integriteit.figures import registry

from . import document, selectors, services
from .forms import ReportCreateForm, SectionForm


@staff_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    reports = selectors.reports_for_user(user=user)
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(organisation=user.organisation, by=user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The draft has been made."))
            return redirect("annual_reports:detail", pk=report.pk)
    return render(request, "annual_reports/list.html", {"reports": reports, "form": form, "nav": "annual_reports"})


@staff_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    report = selectors.report_for_user(user=user, pk=pk, request=request)
    return render(
        request,
        "annual_reports/detail.html",
        {
            "report": report,
            "document": document.build(report),
            "sections": report.sections.all(),
            "nav": "annual_reports",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, key: str) -> HttpResponseBase:
    user: Any = request.user
    section = selectors.section_for_user(user=user, pk=pk, key=key)
    initial = {"title": section.title, "enabled": section.enabled, "narrative": section.narrative}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(section=section, by=user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The chapter has been saved."))
            return redirect("annual_reports:detail", pk=pk)
    return render(
        request,
        "annual_reports/section_form.html",
        {
            "report": section.report,
            "section": section,
            "form": form,
            "figure_keys": sorted(registry.specs().items()),
            "nav": "annual_reports",
        },
    )
