"""The public registers (ADR 0022): no log-in, no JavaScript needed, nothing loaded from
other websites, in the organisation's colour and logo like its reporting point. What they
show is decided in ``declarations.publication`` only; the declarant's page "what is
published about me" asks the same functions.

Each page does a fixed number of queries, whatever the size of the register; what does not
change from one request to the next is built once per change (``publication_store``).
"""

from __future__ import annotations

import dataclasses

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from open_integriteit.access import declarations as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.organisations.models import Organisation
from open_integriteit.organisations.selectors import organisation_get_public

from .. import publication, publication_store

FORMATS = ("csv", "json")


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = organisation_get_public(slug=slug)
    request.oi_organisation = organisation  # type: ignore[attr-defined]
    return organisation


def _register(slug: str) -> publication.Register:
    register = publication.BY_SLUG.get(slug)
    if register is None:
        raise Http404
    return register


@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    overview = publication_store.Kept(organisation.pk).overview()
    registers = []
    for register in publication.REGISTERS:
        summary = overview.summaries[register.slug]
        registers.append({"register": register, "count": summary.count, "last_updated": summary.last_updated})
    return render(
        request,
        "declarations/public_index.html",
        {"organisation": organisation, "registers": registers, "months": overview.months},
    )


@require_GET
def register(request: HttpRequest, slug: str, register: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    chosen = _register(register)
    kept = publication_store.Kept(organisation.pk)
    summary = kept.overview().summaries[chosen.slug]
    number = publication.page_number(request.GET.get("pagina"))

    def build() -> publication_store.Table:
        page = publication.register_page(register=chosen, number=number, keys=kept.register_keys(chosen))
        context = {"rows": page.rows, "register": chosen, "table_id": "register-table", "caption": gettext("Entries")}
        return _table(page, render_to_string("declarations/public_table.html", context))

    table = kept.rendered(f"register:{chosen.slug}:{number}", build)
    context = {
        "organisation": organisation,
        "register": chosen,
        "page": table.page,
        "table": table.html,
        "last_updated": summary.last_updated,
    }
    return render(request, "declarations/public_register.html", context)


def _table(page: publication.Page, html: str) -> publication_store.Table:
    """A page without its rows and their table, rendered by our template (escaped there)."""
    return publication_store.Table(page=dataclasses.replace(page, rows=[]), html=mark_safe(html))  # noqa: S308


@require_GET
def register_data(request: HttpRequest, slug: str, register: str, fmt: str) -> HttpResponse:
    """The whole register as open data (docs/open-data.md): CSV or JSON, Dutch field names
    and values whatever the visitor's language; built once per change (``publication_store``),
    answered with 304 Not Modified to a client that has it (ETag, Last-Modified)."""
    organisation = _organisation(request, slug)
    chosen = _register(register)
    if fmt not in FORMATS:
        raise Http404
    found = publication_store.Kept(organisation.pk).register_file(organisation, chosen, fmt)
    etag = f'"{found.etag}"' if fmt == "csv" else f'W/"{found.etag}"'  # JSON: "opgevraagd" differs
    modified = int(found.built_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        filename = f"{organisation.slug}-{chosen.slug}.{fmt}"
        if fmt == "csv":
            response = HttpResponse(found.body, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        else:
            response = HttpResponse(found.body, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-cache"
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may read it
    return response


@require_GET
def history(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    kept = publication_store.Kept(organisation.pk)
    months = kept.overview().months
    number = publication.page_number(request.GET.get("pagina"))

    def build() -> publication_store.Table:
        page = publication.history_page(number=number, keys=kept.history_keys(months))
        context = {"entries": page.rows, "table_id": "history-table", "caption": gettext("What was published when")}
        return _table(page, render_to_string("declarations/public_history_table.html", context))

    table = kept.rendered(f"history:{number}", build)
    context = {"organisation": organisation, "page": table.page, "table": table.html, "months": months}
    return render(request, "declarations/public_history.html", context)


@staff_required
@require_GET
def about_me(request: HttpRequest) -> HttpResponse:
    """What the public registers show about the declarant: exactly their rows there."""
    person = access.person_of(request.user)
    if person is None or not access.can_declare(request.user):
        raise Http404
    months = publication.history_months(person.organisation_id)
    events = publication.history(organisation_id=person.organisation_id, months=months, person=person)
    context = {
        "registers": publication.about_person(person=person),
        "history": list(publication.history_entries(events[: publication.PER_PAGE])),
        "months": months,
        "public_slug": person.organisation.slug,
        "nav": "declarations",
    }
    return render(request, "declarations/public_about_me.html", context)
