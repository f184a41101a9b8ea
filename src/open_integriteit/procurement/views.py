"""Pages of the procurement deviations and Bibob checks. Every read goes through a selector
(404 for anyone who may not keep them); every change through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.consultations.forms import YearFilterForm, year_choices
from open_integriteit.core.forms import add_service_error, filters_or_message

from . import selectors, services
from .forms import BibobCheckForm, BibobTotalsForm, DeviationForm
from .models import BibobKind, Deviation


def _selected_year(request: HttpRequest, years: list[int]) -> tuple[YearFilterForm, int]:
    form = YearFilterForm(request.GET or None, years=years)
    filters_or_message(request, form)
    return form, form.selected_year(default=selectors.current_year())


def _years(user: Any) -> list[int]:
    return year_choices(extra=selectors.years_for_user(user=user))


@staff_required
@require_http_methods(["GET"])
def deviations(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_keeper(user=user)
    filter_form, year = _selected_year(request, _years(user))
    items = list(selectors.deviations_for_user(user=user, year=year))
    return render(
        request,
        "procurement/deviations.html",
        {
            "filter_form": filter_form,
            "year": year,
            "deviations": items,
            "total_amount": sum((d.amount for d in items), 0),
            "nav": "procurement",
        },
    )


def _deviation_form(request: HttpRequest, deviation: Deviation | None) -> HttpResponseBase:
    user: Any = request.user
    initial: dict[str, Any] = {}
    if deviation is not None:
        initial = {
            name: getattr(deviation, name)
            for name in ("date", "subject", "amount", "procedure", "explanation", "decided_by")
        }
        initial["reason"] = deviation.reason_id
    reasons = selectors.reasons_for_choice(user=user, include=[deviation.reason_id] if deviation else [])
    form = DeviationForm(request.POST or None, reasons=reasons, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if deviation is None:
                deviation = services.deviation_record(
                    organisation=user.organisation, by=user, request=request, **form.cleaned_data
                )
                messages.success(request, _("The deviation has been recorded."))
            else:
                services.deviation_update(deviation=deviation, by=user, request=request, **form.cleaned_data)
                messages.success(request, _("The deviation has been changed."))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return redirect(f"{reverse('procurement:deviations')}?year={deviation.date.year}")
    return render(
        request, "procurement/deviation_form.html", {"form": form, "deviation": deviation, "nav": "procurement"}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def deviation_new(request: HttpRequest) -> HttpResponseBase:
    selectors.require_keeper(user=request.user)
    return _deviation_form(request, None)


@staff_required
@require_http_methods(["GET", "POST"])
def deviation_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _deviation_form(request, selectors.deviation_get_for_user(user=request.user, pk=pk))


@staff_required
@require_http_methods(["GET", "POST"])
def bibob(request: HttpRequest) -> HttpResponseBase:
    """The Bibob checks of a year: one by one, or as totals per kind and field."""
    user: Any = request.user
    selectors.require_keeper(user=user)
    years = _years(user)
    filter_form, year = _selected_year(request, years)
    action = request.POST.get("action")
    record_form = BibobCheckForm(request.POST if action == "record" else None)
    totals = selectors.bibob_totals_for_user(user=user, year=year)
    initial: dict[str, Any] = {"year": year, "source": next((t.source for t in totals.values()), "")}
    for kind, total in totals.items():
        for field, number in total.breakdown.items():
            initial[BibobTotalsForm.name(kind, field)] = number
    totals_form = BibobTotalsForm(request.POST if action == "totals" else None, initial=initial, prefix="totals")
    if request.method == "POST":
        try:
            if action == "record" and record_form.is_valid():
                check = services.bibob_record(
                    organisation=user.organisation, by=user, request=request, **record_form.cleaned_data
                )
                messages.success(request, _("The Bibob check has been recorded."))
                return redirect(f"{reverse('procurement:bibob')}?year={check.date.year}")
            if action == "totals" and totals_form.is_valid():
                posted_year = totals_form.cleaned_data["year"]
                services.bibob_totals_save(
                    organisation=user.organisation,
                    by=user,
                    year=posted_year,
                    totals=totals_form.totals(),
                    source=totals_form.cleaned_data["source"],
                    request=request,
                )
                messages.success(request, _("The totals for %(year)s have been saved.") % {"year": posted_year})
                return redirect(f"{reverse('procurement:bibob')}?year={posted_year}")
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(record_form if action == "record" else totals_form, exc)
    checks = list(selectors.bibob_checks_for_user(user=user, year=year))
    return render(
        request,
        "procurement/bibob.html",
        {
            "filter_form": filter_form,
            "year": year,
            "checks": checks,
            "record_form": record_form,
            "totals_form": totals_form,
            "totals": [(kind.label, totals.get(kind.value)) for kind in BibobKind],
            "nav": "procurement",
        },
    )


@staff_required
@require_POST
def bibob_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    check = selectors.bibob_check_get_for_user(user=user, pk=pk)
    year = check.date.year
    try:
        services.bibob_delete(check=check, by=user, request=request)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The Bibob check has been deleted."))
    return redirect(f"{reverse('procurement:bibob')}?year={year}")
