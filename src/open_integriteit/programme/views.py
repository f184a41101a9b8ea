"""Pages of the annual programme: the coordinator's (everyone else 404). The year page shows
last year's actions with their outcome beside this year's plan; an unfinished action is
carried to the next year with one button (a POST, then back to the page)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from open_integriteit.access import programme as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error

from . import selectors, services
from .forms import ActionForm
from .models import MAX_YEAR, MIN_YEAR, Action

NAV = "programme"


def _coordinator(request: HttpRequest) -> Any:
    user: Any = request.user
    if not access.can_manage_programme(user):
        raise Http404
    return user


def _year(year: int) -> int:
    if not MIN_YEAR < year < MAX_YEAR:
        raise Http404
    return year


def _rows(user: Any, actions: list[Action]) -> list[dict[str, Any]]:
    return [{"action": a, "carried_to": access.carried_to(a), "may_carry": access.can_carry(user, a)} for a in actions]


@staff_required
@require_GET
def current_year(request: HttpRequest) -> HttpResponse:
    return _year_page(request, timezone.localdate().year)


@staff_required
@require_GET
def year_view(request: HttpRequest, year: int) -> HttpResponse:
    return _year_page(request, _year(year))


def _year_page(request: HttpRequest, year: int) -> HttpResponse:
    user = _coordinator(request)
    context = {
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1,
        "plan": _rows(user, selectors.year_for_user(user=user, year=year)),
        "last_year": _rows(user, selectors.year_for_user(user=user, year=year - 1)),
        "nav": NAV,
    }
    return render(request, "programme/year.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, year: int) -> HttpResponseBase:
    user = _coordinator(request)
    year = _year(year)
    form = ActionForm(request.POST or None, owners=access.owners_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(
                organisation=user.organisation, by=user, year=year, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The action has been added to the programme."))
            return redirect("programme:year", year=year)
    return render(request, "programme/form.html", {"form": form, "year": year, "action": None, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = _coordinator(request)
    action = selectors.action_for_user(user=user, pk=pk)
    initial = {
        "title": action.title,
        "owner": action.owner_id,
        "owner_text": action.owner_text,
        "theme": action.theme,
        "quarter": action.quarter,
        "deadline": action.deadline,
        "status": action.status,
        "outcome": action.outcome,
    }
    form = ActionForm(request.POST or None, owners=access.owners_for(user), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The action has been saved."))
            return redirect("programme:year", year=action.year)
    context = {
        "form": form,
        "year": action.year,
        "action": action,
        "carried_to": access.carried_to(action),
        "nav": NAV,
    }
    return render(request, "programme/form.html", context)


@staff_required
@require_POST
def action_carry(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = _coordinator(request)
    action = selectors.action_for_user(user=user, pk=pk)
    try:
        copy = services.action_carry(action=action, by=user, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The action has been carried to %(year)d.") % {"year": copy.year})
    return redirect("programme:year", year=action.year)
