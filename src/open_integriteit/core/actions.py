"""The changes posted on a staff page about one object (a report, a case) as one table:
each action names its form, the service it calls and the message on success. The view
looks the action up by the name in the URL; an unknown name is a 404. The table is also
what the need-to-know test expands the action URLs from (``access/tests``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from .forms import add_service_error


@dataclass
class ActionContext:
    """What one posted action works with."""

    request: HttpRequest
    user: Any
    subject: Any  # the report or case the page is about
    found: Any = None  # the thing within it the action is about (an allegation, a grant)
    result: Any = None  # what the service returned


@dataclass(frozen=True)
class Action:
    form_name: str  # the page's context name for the form, to show it again with errors
    form: Callable[[ActionContext], Form]
    run: Callable[[ActionContext, dict[str, Any]], Any]
    message: Any  # a lazy translation, shown on success
    find: Callable[[ActionContext], Any] | None = None  # 404 when it finds nothing
    respond: Callable[[ActionContext], HttpResponseBase] | None = None  # instead of back to the page


@dataclass(frozen=True)
class ActionPage:
    """How the page of the subject answers: back to it, away from it, or again with errors."""

    back: Callable[[], HttpResponseBase]
    away: Callable[[], HttpResponseBase]  # when the user may no longer see the subject
    still_visible: Callable[[], bool]
    with_errors: Callable[[str, Form], HttpResponseBase]


def perform(actions: Mapping[str, Action], name: str, ctx: ActionContext, page: ActionPage) -> HttpResponseBase:
    """Run the named action; the service decides whether it is allowed.

    A refusal (``PermissionDenied``) is a 404 for someone who may not see the subject, and a
    message for someone who may (a step that is not theirs); input errors show the page
    again with everything the user typed; success redirects (post/redirect/get)."""
    action = actions.get(name)
    if action is None:
        raise Http404
    request = ctx.request
    try:
        if action.find is not None:
            ctx.found = action.find(ctx)
            if ctx.found is None:
                raise Http404
        form = action.form(ctx)
        if form.is_valid():
            try:
                ctx.result = action.run(ctx, form.cleaned_data)
            except ValidationError as exc:
                add_service_error(form, exc)
        if form.errors:
            messages.error(request, _("The change was not saved. Correct the marked fields."))
            return page.with_errors(action.form_name, form)
    except PermissionDenied as exc:
        if not page.still_visible():
            raise Http404 from None
        messages.error(request, str(exc) if exc.args else _("You are not allowed to do this."))
        return page.back()
    except DatabaseError:
        messages.error(
            request, _("Saving failed because of a technical problem. Nothing was changed; please try again.")
        )
        return page.back()
    if action.message:
        messages.success(request, action.message)
    if action.respond is not None:
        return action.respond(ctx)
    return page.back() if page.still_visible() else page.away()
