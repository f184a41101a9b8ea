"""Pages of the people register: the coordinator and the register clerk see everyone of
their organisation, a manager the people of their units; everyone else gets 404. The HR
import is the register clerk's (ADR 0018)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from open_integriteit.access import people as access
from open_integriteit.accounts.decorators import staff_required

from . import hr_file, selectors, services
from .forms import ImportForm, PeopleFilterForm

PAGE_SIZE = 50
RESULT_KEY = "people_import_result"
MAX_ERRORS_SHOWN = 500


@staff_required
def unit_tree(request: HttpRequest) -> HttpResponseBase:
    nodes = selectors.unit_tree_for_user(user=request.user)
    return render(request, "people/units.html", {"nodes": nodes, "nav": "people"})


@staff_required
def post_list(request: HttpRequest) -> HttpResponseBase:
    page = Paginator(selectors.posts_for_user(user=request.user), 100).get_page(request.GET.get("page"))
    return render(request, "people/posts.html", {"page": page, "query": "", "nav": "people"})


@staff_required
def person_list(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_register(user=user)
    form = PeopleFilterForm(request.GET or None, units=selectors.units_for_filter(user=user))
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_for_user(
        user=user, unit=filters.get("unit"), kind=filters.get("kind", ""), status=filters.get("status") or "active"
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "people": selectors.sorted_page(list(page)),
        "query": query.urlencode(),
        "may_import": access.can_import_people(user, user.organisation_id),
        "nav": "people",
    }
    return render(request, "people/list.html", context)


@staff_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    person = selectors.person_for_user(user=request.user, pk=pk, request=request)
    from .retention import retention_ends

    context = {"person": person, "retention_ends": retention_ends(person), "nav": "people"}
    return render(request, "people/detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def person_import(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_import(user=user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.people_import(
                organisation=user.organisation,
                by=user,
                file_name=upload.name,
                data=upload.read(),
                dry_run=form.cleaned_data["mode"] != "import",
                request=request,
            )
        except PermissionDenied:
            raise Http404 from None
        request.session[RESULT_KEY] = {
            "dry_run": result.dry_run,
            "rows": result.rows,
            "counts": result.counts,
            "errors": result.errors[:MAX_ERRORS_SHOWN],
            "error_count": len(result.errors),
        }
        if not result.errors and not result.dry_run:
            messages.success(request, _("The file has been imported."))
        return redirect("people:import")
    result_data = request.session.pop(RESULT_KEY, None) if request.method == "GET" else None
    counts = [(COUNT_LABELS[k], result_data["counts"].get(k, 0)) for k in services.COUNTS] if result_data else []
    context = {
        "form": form,
        "result": result_data,
        "counts": counts,
        "columns": hr_file.COLUMNS,
        "nav": "people",
    }
    return render(request, "people/import.html", context)


@staff_required
def import_template(request: HttpRequest, fmt: str) -> HttpResponseBase:
    selectors.require_import(user=request.user)
    if fmt == "csv":
        response = HttpResponse(hr_file.template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            hr_file.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="personen-sjabloon.{fmt}"'
    return response


COUNT_LABELS = {
    "units_created": gettext_lazy("Units created"),
    "units_changed": gettext_lazy("Units changed"),
    "posts_created": gettext_lazy("Posts created"),
    "posts_changed": gettext_lazy("Posts changed"),
    "people_created": gettext_lazy("People added"),
    "people_changed": gettext_lazy("People changed"),
    "posts_started": gettext_lazy("Post history entries added or corrected"),
    "managers_changed": gettext_lazy("Manager links added or removed"),
    "leavers": gettext_lazy("People who left (not in the file)"),
}
