"""Pages of the register of rules and codes: the staff register (coordinator and register
clerk; everyone else 404) and the public listing beside the public registers (anyone, no
log-in, no JavaScript, nothing from other websites)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from open_integriteit.access import regulations as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error
from open_integriteit.core.views import download_response
from open_integriteit.organisations.selectors import organisation_get_public

from . import selectors, services
from .forms import ParticularsForm, RegulationForm, SettingsForm

NAV = "regulations"


def _manager(request: HttpRequest) -> Any:
    user: Any = request.user
    if not access.can_manage_regulations(user):
        raise Http404
    return user


@staff_required
@require_GET
def regulation_list(request: HttpRequest) -> HttpResponse:
    current, replaced = selectors.register_for_user(user=request.user)
    user: Any = request.user
    context = {
        "current": current,
        "replaced": replaced,
        "review_years": selectors.review_years(user.organisation_id),
        "public_slug": user.organisation.slug,
        "nav": NAV,
    }
    return render(request, "regulations/list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def regulation_new(request: HttpRequest) -> HttpResponseBase:
    user = _manager(request)
    replaceable = selectors.replaceable_for_user(user=user)
    initial = {}
    if request.method == "GET" and (replaces := request.GET.get("vervangt", "")).isdigit():
        chosen = next((r for r in replaceable if r.pk == int(replaces)), None)
        if chosen is not None:
            initial = {"replaces": chosen.pk, "kind": chosen.kind, "title": chosen.title, "audience": chosen.audience}
    form = RegulationForm(request.POST or None, request.FILES or None, replaceable=replaceable, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            regulation = services.regulation_add(
                organisation=user.organisation, by=user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The rule or code has been added to the register."))
            return redirect("regulations:detail", pk=regulation.pk)
    return render(request, "regulations/form.html", {"form": form, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def regulation_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = _manager(request)
    entry = selectors.regulation_for_user(user=user, pk=pk)
    regulation = entry.regulation
    form = ParticularsForm(
        request.POST or None,
        initial={
            "title": regulation.title,
            "audience": regulation.audience,
            "adopted_by": regulation.adopted_by,
            "adopted_on": regulation.adopted_on,
            "decision_reference": regulation.decision_reference,
            "public": regulation.public,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.regulation_update(regulation=regulation, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("regulations:detail", pk=regulation.pk)
    public = access.is_public(regulation)
    context = {"entry": entry, "regulation": regulation, "form": form, "public": public, "nav": NAV}
    return render(request, "regulations/detail.html", context)


@staff_required
@require_GET
def regulation_document(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.regulation_for_user(user=_manager(request), pk=pk)
    regulation = entry.regulation
    data = services.regulation_document(regulation=regulation)
    return download_response(data, content_type=regulation.content_type, filename=regulation.filename)


@staff_required
@require_http_methods(["GET", "POST"])
def regulation_settings(request: HttpRequest) -> HttpResponseBase:
    user = _manager(request)
    form = SettingsForm(request.POST or None, initial={"review_years": selectors.review_years(user.organisation_id)})
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(
                organisation=user.organisation,
                by=user,
                review_years=form.cleaned_data["review_years"],
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The review period has been saved."))
            return redirect("regulations:list")
    return render(request, "regulations/settings.html", {"form": form, "nav": NAV})


# --- Public (no log-in) --------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=slug)
    request.oi_organisation = organisation  # type: ignore[attr-defined]
    regulations = selectors.public_regulations(organisation_id=organisation.pk)
    return render(request, "regulations/public_list.html", {"organisation": organisation, "regulations": regulations})


@require_GET
def public_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_get_public(slug=slug)
    regulation = selectors.public_regulation(organisation_id=organisation.pk, pk=pk)
    data = services.regulation_document(regulation=regulation)
    response = download_response(data, content_type=regulation.content_type, filename=regulation.filename)
    response["Cache-Control"] = "no-cache"
    return response
