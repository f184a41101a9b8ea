"""The coordinator's survey indicators: the list with each latest measurement compared, one
indicator with its measurements (and the form to record one), adding and changing an
indicator, removing a measurement. Views hold no logic: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error

from . import selectors, services
from .forms import IndicatorForm, MeasurementForm

NAV = "figures"


@staff_required
@require_http_methods(["GET"])
def indicator_list(request: HttpRequest) -> HttpResponseBase:
    organisation_id = selectors.require_manager(user=request.user)
    histories = selectors.histories(organisation_id=organisation_id)
    return render(request, "indicators/list.html", {"histories": histories, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_manager(user=user)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                organisation=user.organisation, by=user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The indicator has been added. Now record its measurements."))
            return redirect("indicators:detail", pk=indicator.pk)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": None, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    indicator = selectors.indicator_get_for_manager(user=user, pk=pk)
    initial = {"name": indicator.name, "unit": indicator.unit, "question": indicator.question}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(indicator=indicator, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The indicator has been saved."))
            return redirect("indicators:detail", pk=indicator.pk)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The indicator's measurements, newest first, each compared with the one before; the
    form records a year's measurement (a year measured before is corrected)."""
    user: Any = request.user
    history = selectors.history_for_manager(user=user, pk=pk)
    form = MeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            measurement = services.measurement_record(
                indicator=history.indicator, by=user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The measurement of %(year)s has been saved.") % {"year": measurement.year})
            return redirect("indicators:detail", pk=pk)
    return render(request, "indicators/detail.html", {"history": history, "form": form, "nav": NAV})


@staff_required
@require_POST
def measurement_remove(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    measurement = selectors.measurement_get_for_manager(user=user, pk=pk)
    indicator_pk, year = measurement.indicator_id, measurement.year
    services.measurement_remove(measurement=measurement, by=user, request=request)
    messages.success(request, _("The measurement of %(year)s has been removed.") % {"year": year})
    return redirect("indicators:detail", pk=indicator_pk)
