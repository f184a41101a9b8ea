"""The search page (issue 7, ADR 0016): reports and cases the user may see, found by
reference or by words of their text."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from open_integriteit.access import search as access
from open_integriteit.accounts.decorators import staff_required

from . import selectors
from .forms import SearchForm


@staff_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can_search(user):
        raise Http404
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = selectors.search_for_user(
        user=user,
        query=query,
        reports_page=request.GET.get("reports_page"),
        cases_page=request.GET.get("cases_page"),
        request=request,
    )
    pages = {"reports_page": found.reports.number, "cases_page": found.cases.number}

    def page_url(group: str, number: int) -> str:
        return "?" + urlencode({"q": query, **pages, group: number})

    links = {
        group: {
            "previous": page_url(group, page.previous_page_number()) if page.has_previous() else "",
            "next": page_url(group, page.next_page_number()) if page.has_next() else "",
        }
        for group, page in (("reports_page", found.reports), ("cases_page", found.cases))
    }
    return render(
        request,
        "search/results.html",
        {"form": form, "query": query, "found": found, "links": links, "nav": "search"},
    )
