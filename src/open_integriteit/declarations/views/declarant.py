"""The declarant's pages ("Mijn opgaven"): every person in the register who logs in sees
their own declarations per kind, declares a side job, a financial interest (officials and
holders of a designated post) or a gift, keeps drafts, submits, withdraws and ends, and
answers "nothing to declare" or "nothing changed". The page of one declaration is also the
page their decider, the register clerk and the coordinator open; anyone else gets 404."""

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

from .. import selectors, services
from ..forms import FORMS, EndForm, NilReturnForm
from ..models import Declaration, Kind
from ..workflow import State

NAV = "my_declarations"
SUBMIT = "submit"  # the name of the "Indienen" button; "Concept opslaan" saves a draft


def _is_official(user: Any) -> bool:
    person = selectors.require_declarant(user=user)
    from open_integriteit.people.models import PersonKind

    return bool(person.kind == PersonKind.OFFICIAL)


def _after_submit(request: HttpRequest, declaration: Declaration) -> None:
    # The declaration's page itself says when a gift must be handed in (once, not twice).
    messages.success(request, _("Your declaration has been submitted. You will hear when there is a decision."))


def _hand_in_text(declaration: Declaration) -> str:
    threshold = selectors.gift_threshold_of(declaration)
    return _(
        "This gift is worth more than €%(threshold)s: hand it in to the register clerk, who records where it goes."
    ) % {"threshold": f"{threshold:.2f}".replace(".", ",")}


@staff_required
def my_overview(request: HttpRequest) -> HttpResponseBase:
    overview = selectors.my_overview(user=request.user)
    context = {
        "overview": overview,
        "person": selectors.require_declarant(user=request.user),  # for the round tasks on top
        "nil_form": NilReturnForm(),
        "threshold": selectors.gift_threshold(user=request.user),
        "nav": NAV,
    }
    return render(request, "declarations/my_overview.html", context)


def _form_page(request: HttpRequest, *, kind: str, declaration: Declaration | None) -> HttpResponseBase:
    user: Any = request.user
    official = _is_official(user)
    form_class = FORMS[kind]
    form = form_class(request.POST or None, official=official, declaration=declaration)
    refusal = None
    if kind == Kind.FINANCIAL_INTEREST and not access.can_declare_financial_interest(user):
        refusal = _(
            "Only officials and holders of a designated post declare financial interests. "
            "Your post is not designated, so you have nothing to declare here."
        )
    if request.method == "POST" and refusal is None:
        submit = SUBMIT in request.POST
        if form.is_valid_for(complete=submit):
            data = form.data_for_service()
            try:
                if submit:
                    saved = services.declaration_save_and_submit(
                        by=user, kind=kind, data=data, declaration=declaration, request=request
                    )
                else:
                    saved = services.declaration_save_draft(
                        by=user, kind=kind, data=data, declaration=declaration, request=request
                    )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                if submit:
                    _after_submit(request, saved)
                else:
                    messages.success(request, _("Your draft has been saved. Nobody else sees it."))
                return redirect("declarations:detail", pk=saved.pk)
    context = {
        "form": form,
        "kind": kind,
        "kind_label": Kind(kind).label,
        "declaration": declaration,
        "refusal": refusal,
        "official": official,
        "threshold": selectors.gift_threshold(user=user),
        "nav": NAV,
    }
    return render(request, "declarations/my_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def my_new(request: HttpRequest, kind: str) -> HttpResponseBase:
    selectors.require_declarant(user=request.user)
    if kind not in Kind.values:
        raise Http404
    return _form_page(request, kind=kind, declaration=None)


@staff_required
@require_http_methods(["GET", "POST"])
def my_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    declaration = selectors.own_draft(user=request.user, pk=pk)
    return _form_page(request, kind=declaration.kind, declaration=declaration)


@staff_required
@require_POST
def my_discard(request: HttpRequest, pk: int) -> HttpResponseBase:
    declaration = selectors.own_draft(user=request.user, pk=pk)
    try:
        services.declaration_discard_draft(by=request.user, declaration=declaration, request=request)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Your draft has been thrown away."))
    return redirect("declarations:my_overview")


@staff_required
@require_POST
def my_nil_return(request: HttpRequest, kind: str) -> HttpResponseBase:
    """ "Nothing to declare" or "nothing changed" for one kind (POST)."""
    user: Any = request.user
    selectors.require_declarant(user=user)
    if kind not in Kind.values:
        raise Http404
    form = NilReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose your answer."))
        return redirect("declarations:my_overview")
    try:
        services.nil_return_record(by=user, kind=kind, answer=form.cleaned_data["answer"], request=request)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your answer has been recorded."))
    return redirect("declarations:my_overview")


def _detail_context(request: HttpRequest, declaration: Declaration, end_form: EndForm | None = None) -> dict[str, Any]:
    user: Any = request.user
    transitions = selectors.page_transitions(user=user, declaration=declaration)
    return {
        "declaration": declaration,
        "events": list(declaration.events.all()),
        "is_mine": access.is_declarant(user, declaration),
        "may_withdraw": any(t.name == "withdraw" for t in transitions),
        "may_end": any(t.needs_end_date for t in transitions),
        "end_form": end_form or EndForm(),
        "must_hand_in": selectors.gift_must_be_handed_in(declaration),
        "hand_in_text": _hand_in_text(declaration) if declaration.kind == Kind.GIFT else "",
        "is_draft": declaration.state == State.DRAFT,
        "nav": NAV if access.is_declarant(user, declaration) else "",
    }


@staff_required
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    declaration = selectors.declaration_for_user(user=request.user, pk=pk, request=request)
    return render(request, "declarations/declaration_detail.html", _detail_context(request, declaration))


@staff_required
@require_POST
def declaration_withdraw(request: HttpRequest, pk: int) -> HttpResponseBase:
    declaration = selectors.declaration_for_user(user=request.user, pk=pk, request=request, log=False)
    try:
        services.declarant_transition(by=request.user, declaration=declaration, name="withdraw", request=request)
    except PermissionDenied:
        messages.error(request, _("This declaration cannot be withdrawn (any more)."))
    else:
        messages.success(request, _("The declaration has been withdrawn."))
    return redirect("declarations:detail", pk=declaration.pk)


@staff_required
@require_POST
def declaration_end(request: HttpRequest, pk: int) -> HttpResponseBase:
    declaration = selectors.declaration_for_user(user=request.user, pk=pk, request=request, log=False)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.declarant_transition(
                by=request.user,
                declaration=declaration,
                name="end",
                ends_on=form.cleaned_data["ends_on"],
                request=request,
            )
        except PermissionDenied:
            messages.error(request, _("This declaration cannot be ended (any more)."))
            return redirect("declarations:detail", pk=declaration.pk)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The declaration has been ended."))
            return redirect("declarations:detail", pk=declaration.pk)
    selectors.log_read(user=request.user, declaration=declaration, request=request)  # the page is shown again
    context = _detail_context(request, declaration, end_form=form)
    return render(request, "declarations/declaration_detail.html", context)
