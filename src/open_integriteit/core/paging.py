"""Paging of staff lists with the NL Design System pagination (``core/pagination.html``)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50


def paginate(request: HttpRequest, items: Any, *, per_page: int = PER_PAGE) -> dict[str, Any]:
    """The requested page of ``items`` (a queryset: one count and one slice query) and what
    the pagination template needs: the page, the page links and the other query parameters."""
    paginator = Paginator(items, per_page)
    page: Page[Any] = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "page_links": list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)),
        "ellipsis": Paginator.ELLIPSIS,
        "query": query.urlencode(),
    }
