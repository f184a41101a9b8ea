"""The coordinator's retention pages: what is kept how long and what will be destroyed when,
and the organisation's own periods. Reads through selectors, the change through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.accounts.decorators import staff_required

from . import selectors, services
from .forms import field_name, periods_form


@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    rows = selectors.retention_overview(user=request.user)
    return render(request, "retention/overview.html", {"rows": rows, "nav": "retention"})


@staff_required
@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    form = periods_form(request.POST or None, current=selectors.retention_periods(user=user))
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_periods_set(
                organisation=user.organisation, by=user, months=form.months(), request=request
            )
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                form.add_error(field_name(key) if field_name(key) in form.fields else None, errors)
        else:
            messages.success(request, _("The retention periods have been saved."))
            return redirect("retention:overview")
    return render(request, "retention/periods.html", {"form": form, "nav": "retention"})
