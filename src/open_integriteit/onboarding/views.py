"""Pages of the oath and affirmation, integrity statements and certificates of conduct. The
register clerk and the coordinator record; a manager reads the overdue list of their units;
everyone else gets 404 (``access.onboarding``). Views hold no logic: post/redirect/get."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.access.onboarding import can_record
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error
from open_integriteit.core.paging import paginate

from . import selectors, services
from .forms import (
    CeremonyForm,
    CertificateForm,
    OverdueFilterForm,
    ParticipantsAddForm,
    PeopleSearchForm,
    PledgesForm,
    SettingsForm,
    StatementForm,
)
from .models import Ceremony

NAV = "onboarding"
CEREMONY_FIELDS = (
    "held_on",
    "place",
    "form",
    "administered_by",
    "group",
    "partner_name",
    "partner_oaths",
    "partner_affirmations",
)


@staff_required
def overdue(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_overdue(user=user)
    form = OverdueFilterForm(request.GET or None, units=selectors.units_for_filter(user=user))
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    rows = selectors.overdue_for_user(user=user, unit=unit)
    context = {"form": form, "rows": rows, "may_record": can_record(user), "nav": NAV}
    return render(request, "onboarding/overdue.html", context)


@staff_required
def ceremony_list(request: HttpRequest) -> HttpResponseBase:
    ceremonies = selectors.ceremonies_for_user(user=request.user)
    return render(request, "onboarding/ceremonies.html", {**paginate(request, ceremonies), "nav": NAV})


RECORD_KINDS = ("statements", "certificates")


@staff_required
def records(request: HttpRequest) -> HttpResponseBase:
    """The integrity statements or the certificates of conduct of the organisation, newest
    first, and a search for a person's page."""
    user: Any = request.user
    show = request.GET.get("show") if request.GET.get("show") in RECORD_KINDS else RECORD_KINDS[0]
    items = (
        selectors.statements_for_user(user=user) if show == "statements" else selectors.certificates_for_user(user=user)
    )
    search = PeopleSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    context = {
        **paginate(request, items),
        "show": show,
        "search": search,
        "query_text": query,
        "found": selectors.search_people(user=user, query=query) if query else [],
        "nav": NAV,
    }
    return render(request, "onboarding/records.html", context)


def _ceremony_form_page(request: HttpRequest, form: CeremonyForm, ceremony: Ceremony | None) -> HttpResponseBase:
    return render(request, "onboarding/ceremony_form.html", {"form": form, "ceremony": ceremony, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def ceremony_create(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_record(user=user)
    form = CeremonyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ceremony = services.ceremony_record(
                organisation=user.organisation, by=user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The ceremony has been recorded. Add its participants."))
            return redirect("onboarding:ceremony", pk=ceremony.pk)
    return _ceremony_form_page(request, form, None)


@staff_required
@require_http_methods(["GET", "POST"])
def ceremony_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    ceremony = selectors.ceremony_for_user(user=user, pk=pk)
    initial = {name: getattr(ceremony, name) for name in CEREMONY_FIELDS}
    form = CeremonyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ceremony_update(ceremony=ceremony, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The ceremony has been saved."))
            return redirect("onboarding:ceremony", pk=ceremony.pk)
    return _ceremony_form_page(request, form, ceremony)


def _ceremony_page(
    request: HttpRequest,
    ceremony: Ceremony,
    *,
    add_form: ParticipantsAddForm | None = None,
    pledges_form: PledgesForm | None = None,
) -> HttpResponseBase:
    user: Any = request.user
    participants = selectors.sorted_participants(ceremony)
    search = PeopleSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    found = selectors.search_people(user=user, query=query, ceremony=ceremony) if query else []
    pledges_form = pledges_form or PledgesForm(participants=participants)
    if add_form is None:
        add_form = ParticipantsAddForm(people=selectors.people_by_pk(user=user, pks=[str(p.pk) for p in found]))
    context = {
        "ceremony": ceremony,
        "participants": participants,
        "search": search,
        "query": query,
        "found": found,
        "add_form": add_form,
        "pledges_form": pledges_form,
        "pledge_rows": [(p, pledges_form[f"pledge_{p.pk}"]) for p in participants],
        "nav": NAV,
    }
    return render(request, "onboarding/ceremony.html", context)


@staff_required
def ceremony_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _ceremony_page(request, selectors.ceremony_for_user(user=request.user, pk=pk))


@staff_required
@require_http_methods(["POST"])
def participants_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    ceremony = selectors.ceremony_for_user(user=user, pk=pk)
    form = ParticipantsAddForm(
        request.POST, people=selectors.people_by_pk(user=user, pks=request.POST.getlist("people"))
    )
    if form.is_valid():
        try:
            added = services.participants_add(
                ceremony=ceremony, by=user, people=form.cleaned_data["people"], request=request
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("%(n)d participants added: choose oath or affirmation for each.") % {"n": added}
            )
            return redirect("onboarding:ceremony", pk=ceremony.pk)
    return _ceremony_page(request, ceremony, add_form=form)


@staff_required
@require_http_methods(["POST"])
def pledges(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    ceremony = selectors.ceremony_for_user(user=user, pk=pk)
    form = PledgesForm(request.POST, participants=selectors.sorted_participants(ceremony))
    if form.is_valid():
        try:
            services.pledges_record(ceremony=ceremony, by=user, pledges=form.pledges(), request=request)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The oaths and affirmations have been saved."))
            return redirect("onboarding:ceremony", pk=ceremony.pk)
    return _ceremony_page(request, ceremony, pledges_form=form)


@staff_required
@require_http_methods(["POST"])
def participant_remove(request: HttpRequest, pk: int, participant: int) -> HttpResponseBase:
    user: Any = request.user
    ceremony = selectors.ceremony_for_user(user=user, pk=pk)
    found = selectors.participant_for_user(user=user, ceremony=ceremony, pk=participant)
    try:
        services.participant_remove(participant=found, by=user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The participant has been removed from the ceremony."))
    return redirect("onboarding:ceremony", pk=ceremony.pk)


def _person_page(
    request: HttpRequest,
    pk: int,
    *,
    statement_form: StatementForm | None = None,
    certificate_form: CertificateForm | None = None,
) -> HttpResponseBase:
    data = selectors.person_for_user(user=request.user, pk=pk, request=request)
    context = {
        "data": data,
        "person": data.person,
        "statement_form": statement_form or StatementForm(),
        "certificate_form": certificate_form or CertificateForm(),
        "nav": NAV,
    }
    return render(request, "onboarding/person.html", context)


@staff_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _person_page(request, pk)


@staff_required
@require_http_methods(["POST"])
def statement_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    person = selectors.person_for_user(user=user, pk=pk, log=False).person
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            services.statement_record(person=person, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The integrity statement has been recorded."))
            return redirect("onboarding:person", pk=person.pk)
    return _person_page(request, pk, statement_form=form)


@staff_required
@require_http_methods(["POST"])
def certificate_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    person = selectors.person_for_user(user=user, pk=pk, log=False).person
    form = CertificateForm(request.POST)  # files are never read: there is nothing to keep them in
    if form.is_valid():
        try:
            services.certificate_record(person=person, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The certificate of conduct has been recorded."))
            return redirect("onboarding:person", pk=person.pk)
    return _person_page(request, pk, certificate_form=form)


@staff_required
@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    current = selectors.settings_for_user(user=user)
    initial = {
        "due_months": current.due_months,
        "kinds_due": current.kinds_due,
        "rehired_due_again": current.rehired_due_again,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(
                organisation_id=user.organisation_id, by=user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("onboarding:settings")
    return render(request, "onboarding/settings.html", {"form": form, "nav": NAV})
