"""The deciders' and the register clerk's pages: the decision queue, the decision page,
the gifts to hand in with their destination, and the register settings. Access is decided
in ``access.declarations`` (through ``decision_selectors``); everyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.access import declarations as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error, filters_or_message
from open_integriteit.core.paging import paginate

from .. import decision_selectors as selectors
from .. import decisions as services
from ..decision_forms import DecisionForm, GiftDestinationForm, QueueFilterForm, RegisterSettingsForm

NAV = "declaration_queue"


@staff_required
def queue(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    selectors.require_queue(user=user)
    sees_all = selectors.sees_all(user=user)
    form = None
    filters: dict[str, Any] = {}
    if sees_all:
        form = QueueFilterForm(request.GET or None, units=selectors.queue_units(user=user))
        filters = filters_or_message(request, form)
    declarations = selectors.decision_queue(
        user=user, kind=filters.get("kind") or "", state=filters.get("state") or "", unit=filters.get("unit")
    )
    paging = paginate(request, declarations)
    context = {
        **paging,
        "rows": selectors.queue_rows(user=user, declarations=list(paging["page"])),
        "form": form,
        "sees_all": sees_all,
        "may_list_gifts": access.can_list_gifts_to_hand_in(user),
        "may_manage_settings": access.can_manage_register_settings(user, user.organisation_id),
        "nav": NAV,
    }
    return render(request, "declarations/queue.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    declaration = selectors.declaration_for_decision(user=user, pk=pk, request=request)
    may_decide = access.can_decide(user, declaration)
    form = DecisionForm(request.POST or None) if may_decide else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("You do not decide on this declaration, or it is no longer waiting."))
            return redirect("declarations:decide", pk=declaration.pk)
        if form.is_valid():
            try:
                services.declaration_decide(
                    declaration=declaration,
                    by=user,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    restriction=form.cleaned_data["restriction"],
                    request=request,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            except PermissionDenied:
                messages.error(request, _("This declaration is no longer waiting for a decision."))
                return redirect("declarations:decide", pk=declaration.pk)
            else:
                messages.success(request, _("The decision has been recorded. The declarant is told by e-mail."))
                return redirect("declarations:queue")
    context = {
        "declaration": declaration,
        "posts": selectors.current_posts(declaration=declaration),
        "form": form,
        "may_decide": may_decide,
        "gift_to_hand_in": selectors.gift_to_hand_in(declaration=declaration),
        "may_record_destination": access.can_record_gift_destination(user, declaration),
        "nav": NAV,
    }
    return render(request, "declarations/decide_detail.html", context)


@staff_required
def gifts(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    paging = paginate(request, selectors.gifts_awaiting_destination(user=user))
    return render(request, "declarations/gift_list.html", {**paging, "nav": NAV})


@staff_required
@require_http_methods(["GET", "POST"])
def gift_destination(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    declaration = selectors.gift_for_destination(user=user, pk=pk, request=request)
    initial = {
        "handed_in_on": declaration.handed_in_on,
        "destination": declaration.destination,
        "note": declaration.destination_note,
    }
    form = GiftDestinationForm(request.POST or None, initial=initial if declaration.destination else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gift_record_destination(
                declaration=declaration,
                by=user,
                handed_in_on=form.cleaned_data["handed_in_on"],
                destination=form.cleaned_data["destination"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The destination of the gift has been recorded."))
            return redirect("declarations:gifts")
    context = {"declaration": declaration, "form": form, "nav": NAV}
    return render(request, "declarations/gift_destination.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def register_settings(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    current = selectors.require_settings(user=user)
    initial = {
        "gift_threshold": current.gift_threshold,
        "decision_reminder_days": current.decision_reminder_days,
        "decision_escalation_days": current.decision_escalation_days,
        "publication_history_months": current.publication_history_months,
        "council_clerk": current.council_clerk_id,
        "executive_secretary": current.executive_secretary_id,
    }
    form = RegisterSettingsForm(request.POST or None, initial=initial, organisation=user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_settings_update(
                organisation_id=user.organisation_id, by=user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The register settings have been saved."))
            return redirect("declarations:settings")
    return render(request, "declarations/settings.html", {"form": form, "nav": NAV})
