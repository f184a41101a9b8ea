"""Pages of the people register: the coordinator and the register clerk see everyone of
their organisation, a manager the people of their units; everyone else gets 404. The HR
import is the register clerk's (ADR 0018)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from open_integriteit.access import people as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error

from . import hr_file, selectors, services
from .forms import ImportForm, ManagerAddForm, OfficialForm, PeopleFilterForm, PostDutiesForm
from .models import PersonKind

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
    return _person_page(request, pk)


def _person_page(
    request: HttpRequest,
    pk: int,
    *,
    official_form: OfficialForm | None = None,
    manager_form: ManagerAddForm | None = None,
) -> HttpResponse:
    """The person's page; for the register clerk with the forms for what the HR export does
    not carry (shown again with their errors after a refused post)."""
    user: Any = request.user
    person = selectors.person_for_user(user=user, pk=pk, request=request)
    from .retention import retention_ends

    context: dict[str, Any] = {"person": person, "retention_ends": retention_ends(person), "nav": "people"}
    if access.can_edit_register(user, person.organisation_id):
        if person.kind == PersonKind.OFFICIAL:
            context["official_form"] = official_form or OfficialForm(
                initial={
                    "office": person.office,
                    "term_start": person.term_start,
                    "term_end": person.term_end,
                    "party": person.party,
                }
            )
        context["manager_form"] = manager_form or ManagerAddForm(
            units=selectors.units_to_manage(user=user, person=person)
        )
        context["may_edit"] = True
    return render(request, "people/detail.html", context)


@staff_required
@require_http_methods(["POST"])
def person_official(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    person = selectors.person_to_edit(user=user, pk=pk)
    if person.kind != PersonKind.OFFICIAL:
        raise Http404
    form = OfficialForm(request.POST)
    if form.is_valid():
        try:
            services.official_update(person=person, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The office, term and party have been saved."))
            return redirect("people:person", pk=person.pk)
    return _person_page(request, pk, official_form=form)


@staff_required
@require_http_methods(["POST"])
def manager_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    person = selectors.person_to_edit(user=user, pk=pk)
    form = ManagerAddForm(request.POST, units=selectors.units_to_manage(user=user, person=person))
    if form.is_valid():
        try:
            services.manager_add(person=person, unit=form.cleaned_data["unit"], by=user, request=request)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The unit has been added to the units this person manages."))
            return redirect("people:person", pk=person.pk)
    return _person_page(request, pk, manager_form=form)


@staff_required
@require_http_methods(["POST"])
def manager_remove(request: HttpRequest, pk: int, unit: int) -> HttpResponseBase:
    user: Any = request.user
    person = selectors.person_to_edit(user=user, pk=pk)
    link = person.managed.select_related("unit").filter(unit_id=unit).first()
    if link is None:
        raise Http404
    services.manager_remove(person=person, unit=link.unit, by=user, request=request)
    messages.success(request, _("The unit has been removed from the units this person manages."))
    return redirect("people:person", pk=person.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def post_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A post and its duties; the register clerk sets them (the coordinator and managers read)."""
    user: Any = request.user
    form: PostDutiesForm | None = None
    if request.method == "POST":
        post = selectors.post_to_edit(user=user, pk=pk)
        form = PostDutiesForm(request.POST)
        if form.is_valid():
            services.post_duties_update(post=post, by=user, request=request, **form.cleaned_data)
            messages.success(request, _("The duties of the post have been saved."))
            return redirect("people:post", pk=post.pk)
    else:
        post = selectors.post_for_user(user=user, pk=pk)
        if access.can_edit_register(user, post.organisation_id):
            form = PostDutiesForm(initial={"designated": post.designated, "publication_duty": post.publication_duty})
    return render(request, "people/post.html", {"post": post, "form": form, "nav": "people"})


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
            "kept": result.kept,
            "errors": result.errors[:MAX_ERRORS_SHOWN],
            "error_count": len(result.errors),
        }
        if not result.errors and not result.dry_run:
            messages.success(request, _("The file has been imported."))
        return redirect("people:import")
    result_data = request.session.pop(RESULT_KEY, None) if request.method == "GET" else None
    counts = [(COUNT_LABELS[k], result_data["counts"].get(k, 0)) for k in services.COUNTS] if result_data else []
    kept = [(KEPT_LABELS[k], n) for k in services.KEPT if (n := (result_data or {}).get("kept", {}).get(k, 0))]
    context = {
        "form": form,
        "result": result_data,
        "counts": counts,
        "kept": kept,
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
KEPT_LABELS = {
    "duties_kept": gettext_lazy("Posts whose duties the file gives otherwise: kept as the register clerk set them"),
    "officials_kept": gettext_lazy(
        "Officials whose office, term or party the file gives otherwise: kept as the register clerk set them"
    ),
    "managers_kept": gettext_lazy("Manager links added by the register clerk and not in the file: kept"),
}
