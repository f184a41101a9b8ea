"""The coordinator's figures: every figure of a year ("Cijfers") and the totals of earlier
years entered by hand. Views hold no logic: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error

from . import selectors, services
from .forms import EnteredTotalForm, FigureChoiceForm, YearForm

NAV = "figures"


@staff_required
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_reader(user=user)
    years = selectors.overview_years()
    default = timezone.localdate().year - 1  # the year a report is written about
    form = YearForm(request.GET if "year" in request.GET else None, years=years, initial={"year": default})
    year = (form.cleaned_data["year"] if form.is_bound and form.is_valid() else None) or default
    figures = selectors.overview_for_reader(user=user, year=year, request=request)
    return render(
        request,
        "figures/overview.html",
        {"form": form, "year": year, "figures": figures, "any_entered": any(f.entered for f in figures), "nav": NAV},
    )


@staff_required
@require_http_methods(["GET"])
def entered_list(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    figures = selectors.entered_for_enterer(user=user)
    choice = FigureChoiceForm(specs=list(selectors.enterable_for_enterer(user=user).values()))
    return render(request, "figures/entered_list.html", {"figures": figures, "choice": choice, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def entered_set(request: HttpRequest) -> HttpResponseBase:
    """Enter or correct a total: ``?figure=<key>`` (and ``&year=<year>`` to correct one)."""
    user: Any = request.user
    data = request.POST if request.method == "POST" else request.GET
    key = data.get("figure", "")
    if not key:  # first choose the figure: its breakdown rows make the form
        specs = list(selectors.enterable_for_enterer(user=user).values())
        choice = FigureChoiceForm(data if "figure" in data else None, specs=specs)
        choice.is_valid()
        return render(request, "figures/entered_choose.html", {"choice": choice, "nav": NAV})
    spec = selectors.enterable_spec_for_enterer(user=user, key=key)
    rows = spec.rows(user.organisation) if spec.rows is not None else ()
    initial: dict[str, Any] = {}
    existing = (
        selectors.entered_find(user=user, key=key, year=int(data["year"])) if data.get("year", "").isdigit() else None
    )
    if existing is not None:
        initial = {"year": existing.year, "total": existing.total, "source": existing.source}
        initial.update({f"row_{k}": v for k, v in existing.breakdown.items()})
    form = EnteredTotalForm(request.POST if request.method == "POST" else None, rows=rows, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entered = services.entered_total_set(
                organisation=user.organisation,
                key=key,
                year=form.cleaned_data["year"],
                total=form.cleaned_data["total"],
                breakdown=form.breakdown(),
                source=form.cleaned_data["source"],
                by=user,
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("The total of %(year)s for “%(figure)s” has been saved.")
                % {"year": entered.year, "figure": spec.label},
            )
            return redirect("figures:entered")
    return render(
        request,
        "figures/entered_form.html",
        {"spec": spec, "form": form, "existing": existing, "nav": NAV},
    )


@staff_required
@require_POST
def entered_remove(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    entered = selectors.entered_get_for_enterer(user=user, pk=pk)
    year = entered.year
    services.entered_total_remove(entered=entered, by=user, request=request)
    messages.success(request, _("The entered total of %(year)s has been removed.") % {"year": year})
    return redirect("figures:entered")
