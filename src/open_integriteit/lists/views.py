"""The management page of one per-organisation list. Each app mounts it under its own URL
for its list kind: ``path("…", manage_list, {"kind": CATEGORIES.code}, name="typology")``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBadRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error

from . import selectors, services
from .forms import ListEntryForm


@staff_required
@require_http_methods(["GET", "POST"])
def manage_list(request: HttpRequest, *, kind: str) -> HttpResponseBase:
    user: Any = request.user
    list_kind = selectors.require_manager(user=user, kind=kind)
    action = request.POST.get("action")
    form = ListEntryForm(request.POST if action == "add" else None)
    if request.method == "POST":
        try:
            if action == "add" and form.is_valid():
                try:
                    entry = services.list_entry_create(
                        organisation=user.organisation,
                        kind=kind,
                        by=user,
                        name_nl=form.cleaned_data["name_nl"],
                        name_en=form.cleaned_data["name_en"],
                        request=request,
                    )
                except ValidationError as exc:
                    add_service_error(form, exc)
                else:
                    messages.success(request, _("“%(name)s” has been added.") % {"name": entry.name})
                    return redirect(request.path)
            elif action in {"activate", "deactivate"}:
                entry = selectors.entry_get_for_manager(user=user, kind=kind, pk=request.POST.get("entry", ""))
                services.list_entry_set_active(entry=entry, by=user, active=action == "activate", request=request)
                done = _("“%(name)s” is in use.") if entry.active else _("“%(name)s” is no longer in use.")
                messages.success(request, done % {"name": entry.name})
                return redirect(request.path)
            elif action == "choose_group" and request.POST.get("group") in {g.code for g in list_kind.standard_groups}:
                group = list_kind.group(request.POST["group"])
                services.list_group_choose(
                    organisation=user.organisation, kind=kind, group=group.code, by=user, request=request
                )
                messages.success(request, _("Now in use: %(group)s.") % {"group": group.label})
                return redirect(request.path)
            elif action != "add":
                return HttpResponseBadRequest()
        except PermissionDenied:
            raise Http404 from None
    groups = selectors.grouped(list_kind, selectors.entries_for_manager(user=user, kind=kind))
    default_group = list_kind.default_group(user.organisation) if list_kind.default_group else None
    return render(
        request,
        "lists/manage.html",
        {
            "kind": list_kind,
            "groups": groups,
            "choosable": len(list_kind.standard_groups) > 1,
            "default_group": list_kind.group(default_group) if default_group else None,
            "form": form,
            "nav": list_kind.nav,
        },
    )
