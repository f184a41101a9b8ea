"""The overview of a shared service: counts per organisation it serves and per year, for
its coordinators only (404 for anyone else, the served organisations' users included)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from open_integriteit.access import annual_reports as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.audit.services import audit_log
from open_integriteit.core.forms import filters_or_message
from open_integriteit.organisations.selectors import served_organisations

from . import shared_service
from .forms import YearRangeForm

DEFAULT_YEARS = 3


@staff_required
@require_GET
def overview(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    if not access.can_view_shared_service_overview(user):
        raise Http404
    this_year = timezone.localdate().year
    defaults = {"first_year": this_year - DEFAULT_YEARS + 1, "last_year": this_year}
    form = YearRangeForm(request.GET if request.GET else None, initial=defaults)
    chosen = {**defaults, **filters_or_message(request, form)}
    years = list(range(chosen["first_year"], chosen["last_year"] + 1))
    links = list(served_organisations(shared_service_id=user.organisation_id))
    audit_log(
        action="annual_reports.shared_overview_viewed",
        actor=user,
        target=user.organisation,
        request=request,
        details={"first_year": years[0], "last_year": years[-1]},
    )
    return render(
        request,
        "annual_reports/shared_overview.html",
        {
            "form": form,
            "years": years,
            "links": links,
            "tables": shared_service.tables(links=links, years=years),
            "nav": "shared_overview",
        },
    )
