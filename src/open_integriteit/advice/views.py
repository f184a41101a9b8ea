"""Pages for advice requests: coordinators of the organisation only (404 for anyone else).
Opening a request is an audit event; every change goes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error, filters_or_message

from . import retention, selectors, services
from .forms import AdviceFilterForm, AdviceRequestForm

FIELDS = ("date", "received_via", "topic", "question", "advice", "anonymised_summary")


@staff_required
def advice_list(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    filter_form = AdviceFilterForm(
        request.GET or None,
        years=selectors.advice_years_for_user(user=user),
        topics=selectors.advice_topics_for_filter(user=user),
    )
    filters = filters_or_message(request, filter_form)
    records = selectors.advice_list_for_user(user=user, year=filters.get("year"), topic=filters.get("topic"))
    return render(
        request,
        "advice/list.html",
        {"records": records[:500], "filter_form": filter_form, "nav": "advice"},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def advice_register(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    form = AdviceRequestForm(request.POST or None, topics=selectors.advice_topics_for_choice(user=user))
    if request.method == "POST" and form.is_valid():
        try:
            record = services.advice_register(
                organisation=user.organisation,
                by=user,
                request=request,
                **{name: form.cleaned_data[name] for name in FIELDS},
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The advice request has been registered."))
            return redirect("advice:detail", pk=record.pk)
    return render(request, "advice/form.html", {"form": form, "record": None, "nav": "advice"})


@staff_required
def advice_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    record = selectors.advice_get_for_user(user=request.user, pk=pk, request=request)
    context = {"record": record, "retention_ends": retention.retention_ends(record), "nav": "advice"}
    return render(request, "advice/detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def advice_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    record = selectors.advice_get_for_user(user=user, pk=pk, request=request, log=request.method == "GET")
    if record.destroyed_at is not None:
        messages.error(request, services.DESTROYED)
        return redirect("advice:detail", pk=record.pk)
    initial = {name: getattr(record, name) for name in FIELDS} | {"topic": record.topic_id}
    form = AdviceRequestForm(
        request.POST or None, topics=selectors.advice_topics_for_choice(user=user, record=record), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_change(
                advice_request=record,
                by=user,
                request=request,
                **{name: form.cleaned_data[name] for name in FIELDS},
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The advice request has been changed."))
            return redirect("advice:detail", pk=record.pk)
    return render(request, "advice/form.html", {"form": form, "record": record, "nav": "advice"})
