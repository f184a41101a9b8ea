"""Pages of the contact log. Every read goes through a selector that returns 404 to anyone
without need-to-know; every change goes through a service.

- the adviser: their own log (list, add, correct, delete) and, for an external service,
  the year totals;
- the coordinator: counts per year and topic over all advisers (never a single contact),
  the topics and the advisers.
"""

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
from open_integriteit.core.forms import add_service_error, filters_or_message

from . import selectors, services
from .forms import AdviserForm, ContactForm, YearFilterForm, YearTotalsForm, year_choices
from .models import AdviserKind


def _selected_year(request: HttpRequest, years: list[int]) -> tuple[YearFilterForm, int]:
    form = YearFilterForm(request.GET or None, years=years)
    filters_or_message(request, form)  # a year that is not offered (``?year=abc``) is said out loud
    return form, form.selected_year(default=selectors.current_year())


def _totals(rows: list[selectors.TopicCount]) -> dict[str, int]:
    return {
        "contacts": sum(r.contacts for r in rows),
        "conversations": sum(r.conversations for r in rows),
        "led_to_report": sum(r.led_to_report for r in rows),
    }


# The adviser's own log ---------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def contact_list(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    adviser = selectors.adviser_for_user(user=user)
    topics = selectors.topics_for_organisation(organisation=adviser.organisation)
    form = ContactForm(request.POST or None, topics=topics)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_log(adviser=adviser, by=user, request=request, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The contact has been logged."))
            return redirect(f"{reverse('consultations:contact_list')}?year={contact.date.year}")
    filter_form, year = _selected_year(request, year_choices(extra=selectors.adviser_years_for_user(user=user)))
    counts = selectors.adviser_counts_for_user(user=user, year=year)
    return render(
        request,
        "consultations/contact_list.html",
        {
            "adviser": adviser,
            "form": form,
            "filter_form": filter_form,
            "year": year,
            "contacts": selectors.contact_list_for_user(user=user, year=year),
            "counts": counts,
            "totals": _totals(counts),
            "nav": "consultation_log",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    contact = selectors.contact_get_for_user(user=user, pk=pk)
    topics = selectors.topics_for_organisation(organisation=contact.adviser.organisation, include=[contact.topic_id])
    form = ContactForm(
        request.POST or None,
        topics=topics,
        initial={
            "date": contact.date,
            "topic": contact.topic_id,
            "conversations": contact.conversations,
            "led_to_report": contact.led_to_report,
            "referral": contact.referral,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, by=user, request=request, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The entry has been changed."))
            return redirect(f"{reverse('consultations:contact_list')}?year={contact.date.year}")
    return render(
        request, "consultations/contact_edit.html", {"contact": contact, "form": form, "nav": "consultation_log"}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    contact = selectors.contact_get_for_user(user=user, pk=pk)
    if request.method == "POST":
        year = contact.date.year
        try:
            services.contact_delete(contact=contact, by=user, request=request)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The entry has been deleted."))
        return redirect(f"{reverse('consultations:contact_list')}?year={year}")
    return render(request, "consultations/contact_delete.html", {"contact": contact, "nav": "consultation_log"})


@staff_required
@require_http_methods(["GET", "POST"])
def year_totals(request: HttpRequest) -> HttpResponseBase:
    """An external service that does not log contact by contact enters its totals per year."""
    user: Any = request.user
    adviser = selectors.adviser_for_user(user=user)
    if adviser.kind != AdviserKind.EXTERNAL:
        raise Http404
    years = year_choices(extra=selectors.adviser_years_for_user(user=user))
    filter_form, year = _selected_year(request, years)
    if request.method == "POST":
        posted_year = request.POST.get("year", "")
        year = int(posted_year) if posted_year.isdigit() and int(posted_year) in years else year
    existing = selectors.year_totals_for_user(user=user, year=year)
    topics = list(selectors.topics_for_organisation(organisation=adviser.organisation, include=list(existing)))
    initial: dict[str, Any] = {"year": year}
    for topic_id, total in existing.items():
        initial.update(
            {
                f"contacts_{topic_id}": total.contacts,
                f"conversations_{topic_id}": total.conversations,
                f"led_to_report_{topic_id}": total.led_to_report,
            }
        )
    form = YearTotalsForm(request.POST or None, topics=topics, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.year_totals_save(
                adviser=adviser,
                by=user,
                year=form.cleaned_data["year"],
                totals=[services.TopicTotal(topic=topic, **form.numbers(topic)) for topic in topics],
                request=request,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The year totals for %(year)d have been saved.") % {"year": year})
            return redirect(f"{reverse('consultations:year_totals')}?year={year}")
    return render(
        request,
        "consultations/year_totals.html",
        {"adviser": adviser, "form": form, "filter_form": filter_form, "year": year, "nav": "consultation_log"},
    )


# The coordinator ---------------------------------------------------------------------------


@staff_required
def overview(request: HttpRequest) -> HttpResponseBase:
    """Counts per topic for one year, over all advisers. Never a single contact."""
    user: Any = request.user
    years = year_choices(extra=selectors.years_for_coordinator(user=user))
    filter_form, year = _selected_year(request, years)
    counts = selectors.counts_for_coordinator(user=user, year=year)
    return render(
        request,
        "consultations/overview.html",
        {"counts": counts, "totals": _totals(counts), "filter_form": filter_form, "year": year, "nav": "consultations"},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def advisers(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    adviser_list = selectors.adviser_list_for_coordinator(user=user)
    form = AdviserForm(
        request.POST or None,
        users=selectors.linkable_users(organisation=user.organisation),
        initial={"kind": AdviserKind.INTERNAL},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adviser_create(
                organisation=user.organisation,
                by=user,
                kind=form.cleaned_data["kind"],
                display_name=form.cleaned_data["display_name"],
                user=form.cleaned_data["user"],
                request=request,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The adviser has been added."))
            return redirect("consultations:advisers")
    return render(
        request, "consultations/advisers.html", {"advisers": adviser_list, "form": form, "nav": "consultations"}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def adviser_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    adviser = selectors.adviser_get_for_coordinator(user=user, pk=pk)
    form = AdviserForm(
        request.POST or None,
        users=selectors.linkable_users(organisation=user.organisation, adviser=adviser),
        editing=True,
        initial={"display_name": adviser.display_name, "user": adviser.user_id, "active": adviser.active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adviser_update(
                adviser=adviser,
                by=user,
                display_name=form.cleaned_data["display_name"],
                user=form.cleaned_data["user"],
                active=form.cleaned_data["active"],
                request=request,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The adviser has been changed."))
            return redirect("consultations:advisers")
    return render(
        request, "consultations/adviser_edit.html", {"adviser": adviser, "form": form, "nav": "consultations"}
    )
