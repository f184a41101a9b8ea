"""Pages of the trainings: sessions and mandatory trainings for the coordinator and the
register clerk, the compliance overview for them and for managers (their own units). Any
other account gets 404 (``access.trainings``). No logic here: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.access import trainings as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error
from open_integriteit.people import selectors as people_selectors

from . import selectors, services
from .forms import RequirementForm, SessionForm
from .models import Requirement, Session


@staff_required
def sessions(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    years = selectors.session_years(user=user)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else (years[0] if years else None)
    context = {
        "sessions": selectors.sessions_for_user(user=user, year=year) if year else [],
        "years": years,
        "year": year,
        "nav": "trainings",
    }
    return render(request, "trainings/sessions.html", context)


def _wants_search(request: HttpRequest) -> bool:
    """The Search button, or Enter in the search field: Enter anywhere in the form submits as
    "enter" (the form's first, hidden submit button) and saves, unless the search field holds
    text that has not been searched for yet."""
    action = request.POST.get("action")
    if action == "enter":
        query = request.POST.get("query", "").strip()
        return bool(query) and query != request.POST.get("searched_query", "").strip()
    return action == "search"


def _session_form(request: HttpRequest, session: Session | None) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_recorder(user=user)
    include = [session.kind_id] if session else []
    people = access.participants_to_choose(user)
    kwargs = {"kinds": selectors.kinds_for_choice(user=user, include=include), "people": people}
    results: list[Any] = []
    searched = False
    if request.method == "POST":
        searched = _wants_search(request)
        form = SessionForm.as_typed(request.POST, **kwargs) if searched else SessionForm(request.POST, **kwargs)
        if searched:
            results = selectors.people_matching(user=user, query=request.POST.get("query", ""))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.session_save(
                    organisation=user.organisation,
                    by=user,
                    session=session,
                    kind=data["kind"],
                    date=data["date"],
                    title=data["title"],
                    audience=data["audience"],
                    head_count=data["head_count"],
                    participants=data["participants"],
                    request=request,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The session has been saved."))
                return redirect(f"{redirect('trainings:sessions').url}?year={saved.date.year}")
        chosen_ids = [pk for pk in request.POST.getlist("participants") if pk.isdigit()]
    else:
        initial: dict[str, Any] = {}
        chosen_ids = []
        if session is not None:
            chosen_ids = [str(pk) for pk in session.participations.values_list("person_id", flat=True)]
            initial = {
                "kind": session.kind_id,
                "date": session.date,
                "title": session.title,
                "audience": session.audience,
                "counted_as": "head_count" if session.head_count else "participants",
                "head_count": session.head_count,
                "participants": chosen_ids,
            }
        form = SessionForm(initial=initial, **kwargs)
    chosen = people_selectors.sorted_page(list(people.filter(pk__in=chosen_ids)))
    chosen_pks = {p.pk for p in chosen}
    context = {
        "form": form,
        "session": session,
        "chosen": chosen,
        "results": [p for p in results if p.pk not in chosen_pks],
        "searched": searched,
        "found_nobody": searched and not results,
        "searched_query": request.POST.get("query", "") if searched else request.POST.get("searched_query", ""),
        "nav": "trainings",
    }
    return render(request, "trainings/session_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponseBase:
    return _session_form(request, None)


@staff_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _session_form(request, selectors.session_for_user(user=request.user, pk=pk))


@staff_required
@require_http_methods(["POST"])
def session_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    session = selectors.session_for_user(user=request.user, pk=pk)
    year = session.date.year
    services.session_delete(session=session, by=request.user, request=request)
    messages.success(request, _("The session has been deleted."))
    return redirect(f"{redirect('trainings:sessions').url}?year={year}")


@staff_required
def compliance(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    context = {
        "overview": selectors.compliance_overview(user=user),
        "may_record": access.can_record_trainings(user),
        "nav": "trainings",
    }
    return render(request, "trainings/compliance.html", context)


def _requirement_form(request: HttpRequest, requirement: Requirement | None) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_recorder(user=user)
    kwargs = {
        "kinds": selectors.kinds_for_choice(user=user, include=[requirement.kind_id] if requirement else []),
        "posts": people_selectors.posts_for_user(user=user),
        "units": people_selectors.units_for_filter(user=user),
    }
    if request.method == "POST":
        form = RequirementForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.requirement_save(
                    organisation=user.organisation,
                    by=user,
                    requirement=requirement,
                    kind=data["kind"],
                    scope=data["scope"],
                    post=data["post"],
                    unit=data["unit"],
                    person_kind=data["person_kind"],
                    period_months=data["period_months"],
                    applies_from=data["applies_from"],
                    request=request,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The mandatory training has been saved."))
                return redirect("trainings:compliance")
    else:
        initial = {}
        if requirement is not None:
            initial = {
                "kind": requirement.kind_id,
                "scope": requirement.scope,
                "post": requirement.post_id,
                "unit": requirement.unit_id,
                "person_kind": requirement.person_kind,
                "period_months": requirement.period_months,
                "applies_from": requirement.applies_from,
            }
        form = RequirementForm(initial=initial, **kwargs)
    return render(
        request, "trainings/requirement_form.html", {"form": form, "requirement": requirement, "nav": "trainings"}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def requirement_new(request: HttpRequest) -> HttpResponseBase:
    return _requirement_form(request, None)


@staff_required
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _requirement_form(request, selectors.requirement_for_user(user=request.user, pk=pk))


@staff_required
@require_http_methods(["POST"])
def requirement_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    requirement = selectors.requirement_for_user(user=request.user, pk=pk)
    services.requirement_delete(requirement=requirement, by=request.user, request=request)
    messages.success(request, _("The mandatory training has been deleted."))
    return redirect("trainings:compliance")
