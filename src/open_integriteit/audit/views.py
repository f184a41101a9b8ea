from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import StyledFormMixin

from . import actions
from .selectors import audit_event_list, audit_event_rows


class AuditFilterForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, choices=actions.action_choices)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@staff_required
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(user=request.user, filters=filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = audit_event_rows(user=request.user, events=list(page))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode(), "nav": "audit"},
    )
