from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.access.administration import can_manage_organisation
from open_integriteit.access.menu import registers_for
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import ConfirmForm, add_service_error, run_service

from . import selectors, services
from .forms import BrandingForm, ServedByForm
from .selectors import organisation_get_public, organisation_list_public


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/home.html", {"organisations": organisation_list_public()})


def logo(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=slug)
    if not organisation.logo:
        raise Http404
    response = HttpResponse(bytes(organisation.logo), content_type=organisation.logo_content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def branding(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    if not can_manage_organisation(user):
        raise Http404
    organisation = user.organisation
    form = BrandingForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "name": organisation.name,
            "kind": organisation.kind,
            "primary_colour": organisation.primary_colour,
            "confidential_adviser_contact": organisation.confidential_adviser_contact,
        },
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("logo")
        try:
            services.organisation_update_branding(
                organisation=organisation,
                by=user,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                primary_colour=form.cleaned_data["primary_colour"],
                confidential_adviser_contact=form.cleaned_data["confidential_adviser_contact"],
                logo=upload.read() if upload else None,
                remove_logo=form.cleaned_data["remove_logo"],
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("organisations:branding")
    return render(request, "organisations/branding.html", {"form": form, "nav": "branding"})


@staff_required
def registers(request: HttpRequest) -> HttpResponseBase:
    """The registers, the figures and the annual report this user may open (one menu entry)."""
    entries = registers_for(request.user)
    if not entries:
        raise Http404
    return render(request, "organisations/registers.html", {"entries": entries, "nav": "registers"})


@staff_required
@require_http_methods(["GET", "POST"])
def shared_services(request: HttpRequest) -> HttpResponseBase:
    """The shared services that serve this organisation and see its counts (its administrator)."""
    user: Any = request.user
    if not can_manage_organisation(user):
        raise Http404
    organisation = user.organisation
    form = ServedByForm(request.POST or None, queryset=selectors.shared_services().exclude(pk=organisation.pk))
    if request.method == "POST" and run_service(
        form, partial(services.served_organisation_add, organisation=organisation, by=user)
    ):
        messages.success(request, _("The shared service has been added."))
        return redirect("organisations:shared_services")
    return render(
        request,
        "organisations/shared_services.html",
        {"links": selectors.served_by(organisation_id=organisation.pk), "form": form, "nav": "branding"},
    )


@staff_required
@require_http_methods(["POST"])
def shared_service_remove(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    if not can_manage_organisation(user):
        raise Http404
    link = selectors.served_by_get(organisation_id=user.organisation_id, pk=pk)
    if run_service(ConfirmForm(request.POST), partial(services.served_organisation_remove, link=link, by=user)):
        messages.success(request, _("The shared service no longer sees the counts of this organisation."))
    return redirect("organisations:shared_services")
