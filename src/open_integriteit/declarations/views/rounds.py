"""Pages of the update rounds (ADR 0023): the register clerk starts, reminds and closes the
rounds of their organisation; the coordinator may read them; everyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.access import declarations as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error
from open_integriteit.core.paging import paginate
from open_integriteit.people.selectors import sorted_page

from .. import rounds
from ..models import RoundKind
from ..round_forms import RoundDefaultsForm, RoundPeopleFilterForm, RoundStartForm

PAGE_SIZE = 50


@staff_required
def round_list(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    context = {
        "rounds": rounds.rounds_for_user(user=user),
        "may_manage": access.can_manage_rounds(user, user.organisation_id),
        "nav": "rounds",
    }
    return render(request, "declarations/round_list.html", context)


def _default_table(organisation_id: int) -> list[dict[str, Any]]:
    defaults = rounds.round_defaults(organisation_id)
    table = []
    for kind, label in RoundKind.choices:
        opens_on, due_on = rounds.default_dates(defaults, kind)
        table.append({"label": label, "opens_on": opens_on, "due_on": due_on})
    return table


@staff_required
@require_http_methods(["GET", "POST"])
def round_start(request: HttpRequest) -> HttpResponseBase:
    """Choose the kind; the dates and questions come from the defaults and are shown to check
    (without JavaScript: a first post without dates fills them in, nothing is started yet)."""
    user: Any = request.user
    rounds.require_manage(user=user)
    form = RoundStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not form.is_complete():
            defaults = rounds.round_defaults(user.organisation_id)
            opens_on, due_on = rounds.default_dates(defaults, data["kind"])
            filled = {
                "kind": data["kind"],
                "asks": data.get("asks") or rounds.default_asks(data["kind"]),
                "opens_on": (data.get("opens_on") or opens_on).isoformat(),
                "due_on": (data.get("due_on") or due_on).isoformat(),
            }
            form = RoundStartForm(initial=filled)
            messages.info(request, _("The dates and questions are filled in from the defaults: check them and start."))
        else:
            try:
                update_round = rounds.round_start(
                    organisation_id=user.organisation_id,
                    by=user,
                    kind=data["kind"],
                    asks=data["asks"],
                    opens_on=data["opens_on"],
                    due_on=data["due_on"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The round has been started."))
                return redirect("declarations:round_detail", update_round.pk)
    context = {"form": form, "defaults": _default_table(user.organisation_id), "nav": "rounds"}
    return render(request, "declarations/round_start.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def round_defaults(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    rounds.require_manage(user=user)
    defaults = rounds.round_defaults(user.organisation_id)
    initial = {
        "officials_months": [str(m) for m in defaults.months("officials")],
        "gifts_months": [str(m) for m in defaults.months("gifts")],
        "everyone_months": [str(m) for m in defaults.months("everyone")],
        "answer_days": defaults.answer_days,
        "reminder_days_before": defaults.reminder_days_before,
    }
    form = RoundDefaultsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rounds.round_defaults_update(
                organisation_id=user.organisation_id, by=user, request=request, **form.cleaned_data
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The defaults have been saved."))
            return redirect("declarations:rounds")
    return render(request, "declarations/round_defaults.html", {"form": form, "nav": "rounds"})


@staff_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    update_round = rounds.round_for_user(user=user, pk=pk)
    form = RoundPeopleFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    paging = paginate(request, rounds.people_of_round(update_round, status), per_page=PAGE_SIZE)
    context = {
        "round": update_round,
        "figures": rounds.figures_of(update_round),
        "form": form,
        "people": sorted_page(list(paging["page"])),
        **paging,
        "may_remind": access.can_send_last_reminder(user, update_round),
        "may_close": access.can_close_round(user, update_round),
        "nav": "rounds",
    }
    return render(request, "declarations/round_detail.html", context)


@staff_required
@require_POST
def round_last_reminder(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    update_round = rounds.round_for_user(user=user, pk=pk)
    if not access.can_manage_rounds(user, update_round.organisation_id):
        raise Http404
    try:
        rounds.round_send_last_reminder(update_round=update_round, by=user, request=request)
    except PermissionDenied:
        messages.error(request, _("The last reminder has already been sent, or the round is closed."))
    else:
        messages.success(request, _("The last reminder is being sent to everyone who has not completed the round."))
    return redirect("declarations:round_detail", update_round.pk)


@staff_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    update_round = rounds.round_for_user(user=user, pk=pk)
    if not access.can_manage_rounds(user, update_round.organisation_id):
        raise Http404
    try:
        rounds.round_close(update_round=update_round, by=user, request=request)
    except PermissionDenied:
        messages.error(request, _("The round has already been closed."))
    else:
        messages.success(request, _("The round has been closed; its figures are kept."))
    return redirect("declarations:round_detail", update_round.pk)
