"""Pages of complaints and incidents (the coordinator's). Reads through selectors (404 for
anyone else), writes through services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.consultations.forms import YearFilterForm, year_choices
from open_integriteit.core.forms import add_service_error, filters_or_message

from . import selectors, services
from .forms import ComplaintForm, IncidentForm
from .models import Complaint, Incident


@staff_required
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponseBase:
    """The complaints and incidents of a year."""
    user: Any = request.user
    selectors.require_keeper(user=user)
    filter_form = YearFilterForm(request.GET or None, years=year_choices(extra=selectors.years_for_user(user=user)))
    filters_or_message(request, filter_form)
    year = filter_form.selected_year(default=selectors.current_year())
    return render(
        request,
        "complaints/overview.html",
        {
            "filter_form": filter_form,
            "year": year,
            "complaints": selectors.complaints_for_user(user=user, year=year),
            "incidents": selectors.incidents_for_user(user=user, year=year),
            "nav": "complaints",
        },
    )


def _back(year: int) -> HttpResponseBase:
    return redirect(f"{reverse('complaints:overview')}?year={year}")


def _complaint_form(request: HttpRequest, complaint: Complaint | None) -> HttpResponseBase:
    user: Any = request.user
    initial: dict[str, Any] = {}
    if complaint is not None:
        initial = {
            name: getattr(complaint, name)
            for name in ("received_on", "kind", "external", "committee", "description", "outcome", "decided_on")
        }
        initial["case"] = complaint.case_id
    form = ComplaintForm(request.POST or None, cases=selectors.linkable_cases_for_user(user=user), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if complaint is None:
                complaint = services.complaint_record(
                    organisation=user.organisation, by=user, request=request, **form.cleaned_data
                )
                messages.success(request, _("The complaint has been recorded."))
            else:
                services.complaint_update(complaint=complaint, by=user, request=request, **form.cleaned_data)
                messages.success(request, _("The complaint has been changed."))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return _back(complaint.received_on.year)
    return render(
        request, "complaints/complaint_form.html", {"form": form, "complaint": complaint, "nav": "complaints"}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponseBase:
    selectors.require_keeper(user=request.user)
    return _complaint_form(request, None)


@staff_required
@require_http_methods(["GET", "POST"])
def complaint_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _complaint_form(request, selectors.complaint_get_for_user(user=request.user, pk=pk, request=request))


def _incident_form(request: HttpRequest, incident: Incident | None) -> HttpResponseBase:
    user: Any = request.user
    initial: dict[str, Any] = {}
    if incident is not None:
        initial = {name: getattr(incident, name) for name in ("date", "kind", "description", "action", "action_text")}
    form = IncidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if incident is None:
                incident = services.incident_record(
                    organisation=user.organisation, by=user, request=request, **form.cleaned_data
                )
                messages.success(request, _("The incident has been recorded."))
            else:
                services.incident_update(incident=incident, by=user, request=request, **form.cleaned_data)
                messages.success(request, _("The incident has been changed."))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return _back(incident.date.year)
    return render(request, "complaints/incident_form.html", {"form": form, "incident": incident, "nav": "complaints"})


@staff_required
@require_http_methods(["GET", "POST"])
def incident_new(request: HttpRequest) -> HttpResponseBase:
    selectors.require_keeper(user=request.user)
    return _incident_form(request, None)


@staff_required
@require_http_methods(["GET", "POST"])
def incident_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _incident_form(request, selectors.incident_get_for_user(user=request.user, pk=pk, request=request))
