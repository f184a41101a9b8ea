"""The coordinator's overviews: every open deadline in one list (overdue first, filtered,
paged) and the CSV downloads of the report list and the deadline overview. Only what the
user may see (``access.reports`` through the selectors); the CSV holds no content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.access import reports as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.accounts.models import User
from open_integriteit.core.export import audited_csv_response
from open_integriteit.core.forms import StyledFormMixin, filters_or_message
from open_integriteit.core.paging import paginate

from .. import overview, selectors
from ..deadlines import STATE_LABELS, report_deadlines
from ..forms import ReportFilterForm
from ..models import DeadlineKind

# The most rows one CSV download holds (the newest first); the filters narrow it down.
CSV_LIMIT = 20_000


class DeadlineFilterForm(StyledFormMixin, forms.Form):
    """The deadline overview's filter. Filters start on "all": they choose what is shown, not
    anything with consequences."""

    kind = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("All")), *DeadlineKind.choices],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All open")), ("overdue", _("overdue")), ("due_soon", _("overdue or due soon"))],
    )
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        handler = self.fields["handler"]
        handler.queryset = handlers  # type: ignore[attr-defined]
        handler.empty_label = _("All")  # type: ignore[attr-defined]
        handler.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> Any:
    if not access.can_list_reports(request.user):
        raise Http404
    return request.user


def _deadlines(request: HttpRequest, user: Any) -> tuple[DeadlineFilterForm, Any, Any]:
    form = DeadlineFilterForm(request.GET or None, handlers=selectors.deadline_handlers_for_user(user=user))
    filters = filters_or_message(request, form)
    now = timezone.now()
    reports = selectors.deadlines_for_user(
        user=user,
        now=now,
        kind=filters.get("kind") or "",
        state=filters.get("state") or "",
        handler=filters.get("handler"),
    )
    return form, reports, now


@staff_required
def deadline_overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, reports, now = _deadlines(request, user)
    paging = paginate(request, reports)
    page_reports = list(paging["page"])
    names = selectors.handler_names(page_reports)
    rows = [{"row": row, "handlers": names[row.report.pk]} for row in overview.deadline_rows(page_reports, now=now)]
    return render(
        request,
        "reports/staff/deadlines.html",
        {"filter_form": form, "rows": rows, "nav": "deadlines", **paging},
    )


@staff_required
def deadline_csv(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, reports, now = _deadlines(request, user)
    page_reports = list(reports[:CSV_LIMIT])
    names = selectors.handler_names(page_reports)
    rows = [
        (
            row.report.reference,
            row.deadline.label,
            row.deadline.due_at,
            STATE_LABELS[row.deadline.state],
            row.report.received_at,
            row.report.get_status_display(),
            row.report.category.name if row.report.category else "",
            ", ".join(names[row.report.pk]),
        )
        for row in overview.deadline_rows(page_reports, now=now)
    ]
    headers = (
        _("Reference"),
        _("Deadline"),
        _("Due"),
        _("State"),
        _("Received"),
        _("Status"),
        _("Category"),
        _("Handler"),
    )
    return audited_csv_response(
        request, action="report.deadlines_exported", form=form, headers=headers, rows=rows, name="termijnen"
    )


@staff_required
def report_list_csv(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ReportFilterForm(request.GET or None)
    filters = filters_or_message(request, form)
    reports = list(selectors.report_list_for_user(user=user, filters=filters)[:CSV_LIMIT])
    names = selectors.handler_names(reports)
    now = timezone.now()
    rows = []
    for report in reports:
        deadlines = {d.kind: d for d in report_deadlines(report, now=now)}
        ack, feedback = deadlines[DeadlineKind.ACKNOWLEDGEMENT], deadlines[DeadlineKind.FEEDBACK]
        rows.append(
            (
                report.reference,
                report.received_at,
                report.get_channel_display(),
                report.get_ground_display(),
                report.category.name if report.category else "",
                report.get_status_display(),
                ack.due_at,
                report.acknowledged_at,
                feedback.due_at,
                report.feedback_at,
                report.closed_at,
                ", ".join(names[report.pk]),
            )
        )
    headers = (
        _("Reference"),
        _("Received"),
        _("Channel"),
        _("Ground"),
        _("Category"),
        _("Status"),
        _("Acknowledgement due"),
        _("Acknowledged"),
        _("Feedback due"),
        _("Feedback given"),
        _("Closed"),
        _("Handler"),
    )
    return audited_csv_response(
        request, action="report.list_exported", form=form, headers=headers, rows=rows, name="meldingen"
    )
