"""Pages of the vulnerable posts (issue 9): the register clerk and the coordinator assess
posts, keep the checklist and record the adopted list; a manager reads the assessments of the
posts in their units; everyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from open_integriteit.access import people as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import add_service_error

from . import vulnerable
from .vulnerable_forms import AdoptForm, ChecklistForm, QuestionAddForm, SettingsForm

NAV = "vulnerable_posts"


@staff_required
def overview(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    scored = vulnerable.scored_posts_for_user(user=user)
    current = vulnerable.current_list(organisation_id=user.organisation_id)
    may_assess = access.can_assess_posts(user, user.organisation_id)
    context = {
        "scored": scored,
        "current": current if may_assess else None,
        "review": vulnerable.review_of(current) if may_assess else None,
        "threshold": vulnerable.threshold_of(user.organisation_id),
        "proposed_count": sum(1 for s in scored if s.on_proposed_list),
        "may_assess": may_assess,
        "nav": NAV,
    }
    return render(request, "people/vulnerable_overview.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The checklist of a post: a form for the clerk and the coordinator, the answers for a
    manager of the post's unit."""
    user: Any = request.user
    if request.method == "POST":
        vulnerable.require_assessor(user=user)
    scored = vulnerable.scored_post_for_user(user=user, pk=pk)
    answers, rows = vulnerable.checklist_of(scored)
    form = None
    if access.can_assess_posts(user, user.organisation_id):
        questions = vulnerable.keyed_questions(organisation_id=user.organisation_id)
        assessment = scored.assessment
        initial = {"override": assessment.override, "override_reason": assessment.override_reason} if assessment else {}
        form = ChecklistForm(request.POST or None, questions=questions, answers=answers, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                vulnerable.post_assess(
                    post=scored.post,
                    answers=form.answers(),
                    override=form.cleaned_data["override"],
                    override_reason=form.cleaned_data["override_reason"],
                    by=user,
                    request=request,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The checklist of the post has been saved."))
                return redirect("people:vulnerable")
    context = {
        "scored": scored,
        "rows": rows,
        "form": form,
        "threshold": vulnerable.threshold_of(user.organisation_id),
        "nav": NAV,
    }
    return render(request, "people/vulnerable_post.html", context)


def _questions_page(
    request: HttpRequest, *, add_form: QuestionAddForm | None = None, settings_form: SettingsForm | None = None
) -> HttpResponse:
    user: Any = request.user
    questions = vulnerable.keyed_questions(organisation_id=user.organisation_id)
    retired = [
        q
        for q in vulnerable.checklist_questions(organisation_id=user.organisation_id, retired=True)
        if q.retired_at is not None
    ]
    context = {
        "questions": [q for _key, q in questions],
        "retired": retired,
        "add_form": add_form or QuestionAddForm(),
        "settings_form": settings_form
        or SettingsForm(questions=questions, initial={"threshold": vulnerable.threshold_of(user.organisation_id)}),
        "nav": NAV,
    }
    return render(request, "people/vulnerable_questions.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest) -> HttpResponseBase:
    """The checklist's questions and threshold; a post adds one of the organisation's own."""
    user: Any = request.user
    vulnerable.require_assessor(user=user)
    if request.method == "GET":
        return _questions_page(request)
    form = QuestionAddForm(request.POST)
    if form.is_valid():
        try:
            vulnerable.question_add(organisation=user.organisation, by=user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The question has been added to the checklist."))
            return redirect("people:vulnerable_questions")
    return _questions_page(request, add_form=form)


@staff_required
@require_http_methods(["POST"])
def settings(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    vulnerable.require_assessor(user=user)
    form = SettingsForm(request.POST, questions=vulnerable.keyed_questions(organisation_id=user.organisation_id))
    if form.is_valid():
        try:
            vulnerable.settings_update(
                organisation=user.organisation,
                threshold=form.cleaned_data["threshold"],
                weights=form.weights(),
                by=user,
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The threshold and the weights have been saved."))
            return redirect("people:vulnerable_questions")
    return _questions_page(request, settings_form=form)


@staff_required
@require_http_methods(["POST"])
def question_move(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    vulnerable.require_assessor(user=user)
    vulnerable.question_move(
        organisation=user.organisation, pk=pk, up=request.POST.get("direction") != "down", by=user, request=request
    )
    return redirect("people:vulnerable_questions")


@staff_required
@require_http_methods(["POST"])
def question_retire(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    vulnerable.require_assessor(user=user)
    vulnerable.question_retire(organisation=user.organisation, pk=pk, by=user, request=request)
    messages.success(request, _("The question is no longer asked; the answers given stay."))
    return redirect("people:vulnerable_questions")


@staff_required
@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest) -> HttpResponseBase:
    """Record the list the executive adopted: the posts now on the proposed list."""
    user: Any = request.user
    vulnerable.require_assessor(user=user)
    posts = vulnerable.proposed_posts(organisation_id=user.organisation_id)
    form = AdoptForm(request.POST or None, posts=posts)
    if request.method == "POST" and form.is_valid():
        try:
            post_list = vulnerable.list_adopt(
                organisation=user.organisation,
                adopted_on=form.cleaned_data["adopted_on"],
                decision_reference=form.cleaned_data["decision_reference"],
                financial_interest_duty=form.duty_posts(),
                by=user,
                request=request,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The adopted list has been recorded; the posts on it are marked vulnerable."))
            return redirect("people:vulnerable_list", pk=post_list.pk)
    context = {"form": form, "posts": posts, "nav": NAV}
    return render(request, "people/vulnerable_adopt.html", context)


@staff_required
def lists(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    found = vulnerable.lists_for_user(user=user)
    return render(request, "people/vulnerable_lists.html", {"lists": found, "nav": NAV})


@staff_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    post_list, entries = vulnerable.list_for_user(user=user, pk=pk)
    current = vulnerable.current_list(organisation_id=user.organisation_id)
    context = {
        "post_list": post_list,
        "entries": entries,
        "in_force": current is not None and current.pk == post_list.pk,
        "review": vulnerable.review_of(post_list),
        "nav": NAV,
    }
    return render(request, "people/vulnerable_list.html", context)
