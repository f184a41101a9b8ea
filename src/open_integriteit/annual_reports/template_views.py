"""The page of the report template: the chapters a new annual report starts with, in order.

The coordinators of the organisation rename, switch off, reorder and add chapters (404 for
anyone else); every change is a service (``services.template_chapter_*``), every form a plain
POST that works without JavaScript, and a successful POST redirects back to the page. A draft
made earlier keeps its own copy of the chapters.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import ConfirmForm, run_service

from . import selectors, services
from .forms import TemplateChapterAddForm, TemplateChapterForm, TemplateMoveForm
from .models import TemplateChapter


def _chapter_form(chapter: TemplateChapter, data: Any = None) -> TemplateChapterForm:
    return TemplateChapterForm(
        data, prefix=f"chapter-{chapter.pk}", initial={"title": chapter.title, "enabled": chapter.enabled}
    )


def _page(
    request: HttpRequest,
    *,
    add_form: TemplateChapterAddForm | None = None,
    failed: TemplateChapterForm | None = None,
    failed_pk: int | None = None,
) -> HttpResponseBase:
    """The template page; a form that was refused is shown again with what was typed."""
    user: Any = request.user
    selectors.require_access(user=user)
    chapters = services.template_chapters(organisation=user.organisation)
    rows = [
        {
            "chapter": chapter,
            "form": failed if failed is not None and chapter.pk == failed_pk else _chapter_form(chapter),
            "own": chapter.key.startswith(services.OWN_PREFIX),
            "first": index == 0,
            "last": index == len(chapters) - 1,
        }
        for index, chapter in enumerate(chapters)
    ]
    return render(
        request,
        "annual_reports/template.html",
        {
            "rows": rows,
            "add_form": add_form or TemplateChapterAddForm(),
            "nav": "annual_reports",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest) -> HttpResponseBase:
    """The chapters in order; a POST adds the organisation's own chapter at the end."""
    user: Any = request.user
    selectors.require_access(user=user)
    if request.method != "POST":
        return _page(request)
    form = TemplateChapterAddForm(request.POST)
    chapter = run_service(form, partial(services.template_chapter_add, organisation=user.organisation, by=user))
    if not chapter:
        return _page(request, add_form=form)
    messages.success(request, _("The chapter “%(title)s” has been added at the end.") % {"title": chapter.title})
    return redirect("annual_reports:template")


@staff_required
@require_POST
def template_chapter_update(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    chapter = selectors.template_chapter_for_user(user=user, pk=pk)
    form = _chapter_form(chapter, request.POST)
    if not run_service(form, partial(services.template_chapter_update, chapter=chapter, by=user)):
        return _page(request, failed=form, failed_pk=chapter.pk)
    messages.success(request, _("The chapter has been saved."))
    return redirect("annual_reports:template")


@staff_required
@require_POST
def template_chapter_move(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    chapter = selectors.template_chapter_for_user(user=user, pk=pk)
    form = TemplateMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the chapter moves up or down."))
        return redirect("annual_reports:template")
    services.template_chapter_move(chapter=chapter, up=form.cleaned_data["direction"] == "up", by=user)
    messages.success(request, _("The chapter “%(title)s” has been moved.") % {"title": chapter.title})
    return redirect(f"{reverse('annual_reports:template')}#chapter-{chapter.pk}")


@staff_required
@require_POST
def template_chapter_remove(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    chapter = selectors.template_chapter_for_user(user=user, pk=pk)
    form = ConfirmForm(request.POST)
    if run_service(form, partial(services.template_chapter_remove, chapter=chapter, by=user)):
        messages.success(request, _("The chapter “%(title)s” has been removed.") % {"title": chapter.title})
    else:
        messages.error(request, " ".join(str(error) for error in form.non_field_errors()))
    return redirect("annual_reports:template")
