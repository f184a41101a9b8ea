"""Staff pages of the reporting point. Every report is fetched through a selector that
enforces need-to-know and logs the read; every change goes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from open_integriteit.accounts.decorators import staff_required
from open_integriteit.accounts.models import Role, User
from open_integriteit.core.forms import add_service_error
from open_integriteit.core.views import run_form_action

from .. import retention, selectors, services
from ..deadlines import report_deadlines
from ..forms import (
    AcknowledgeForm,
    ClassifyForm,
    CloseForm,
    DiscloseForm,
    MessageForm,
    MinutesApprovalForm,
    MinutesReviseForm,
    PersonForm,
    RegisterReportForm,
    ReportFilterForm,
)
from ..models import Anonymity, Report, ReporterIdentity
from .common import attachment_response


def _require_content_role(user: Any) -> None:
    if not user.can_receive_content:
        raise Http404


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_content_role(request.user)
    return render(
        request,
        "reports/staff/dashboard.html",
        {
            "inbox": selectors.report_inbox_for_user(user=request.user),
            "due": selectors.deadlines_open_for_user(user=request.user),
            "nav": "dashboard",
        },
    )


@staff_required
def report_list(request: HttpRequest) -> HttpResponse:
    _require_content_role(request.user)
    filter_form = ReportFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    rows = [(r, report_deadlines(r)) for r in selectors.report_list_for_user(user=request.user, filters=filters)[:500]]
    return render(request, "reports/staff/list.html", {"rows": rows, "filter_form": filter_form, "nav": "reports"})


@staff_required
@require_http_methods(["GET", "POST"])
def report_register(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not user.has_role(Role.COORDINATOR, Role.CONFIDENTIAL_ADVISER, Role.MANAGER) or user.is_administrator:
        raise Http404
    assert user.organisation is not None
    files_lost = False
    if request.method == "POST":
        form = RegisterReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report, code = services.report_register(
                    organisation=user.organisation,
                    by=user,
                    channel=form.cleaned_data["channel"],
                    data=form.report_data(),
                    identity=form.identity_data(),
                    minutes_text=form.cleaned_data["minutes_text"],
                    received_at=form.cleaned_data["received_at"],
                    files=form.cleaned_data["attachments"],
                    request=request,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            except DatabaseError:
                return render(request, "reports/public/submission_failed.html", status=503)
            else:
                from .. import receipts

                response = render(
                    request,
                    "reports/staff/registered.html",
                    {"report": report, "code": receipts.format_code(code), "nav": "register"},
                )
                response["Cache-Control"] = "no-store"
                return response
        files_lost = bool(request.FILES)
    else:
        form = RegisterReportForm()
    return render(request, "reports/staff/register.html", {"form": form, "files_lost": files_lost, "nav": "register"})


def _detail_context(request: HttpRequest, report: Report, **forms: Form) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    is_coordinator = user.has_role(Role.COORDINATOR)
    context: dict[str, Any] = {
        "report": report,
        "deadlines": report_deadlines(report),
        "thread": report.messages.select_related("author").prefetch_related("attachments"),
        "report_attachments": report.attachments.filter(message__isnull=True),
        "assignments": report.assignments.select_related("user"),
        "implications": report.implications.select_related("user") if is_coordinator else [],
        "minutes": getattr(report, "minutes", None),
        "has_identity": report.anonymity != Anonymity.ANONYMOUS
        and ReporterIdentity.objects.filter(report=report).exists(),
        "is_coordinator": is_coordinator,
        "case_link": getattr(report, "case_link", None),  # reverse one-to-one: None when absent
        "retention_ends": retention.retention_ends(report),
        "nav": "reports",
        "acknowledge_form": AcknowledgeForm(
            prefix="ack",
            initial={
                "body": _(
                    "Thank you for your report. We have received it and will assess it carefully. "
                    "You will hear from us about the assessment and follow-up within three months."
                )
            },
        ),
        "message_form": MessageForm(prefix="msg"),
        "classify_form": ClassifyForm(
            report=report,
            prefix="cls",
            initial={"ground": report.ground, "category": report.category_id},
        ),
        "assign_form": PersonForm(
            queryset=selectors.assignable_users(report=report), label=_("Assign a colleague"), prefix="assign"
        ),
        "implicate_form": PersonForm(
            queryset=selectors.organisation_people(report=report), label=_("Mark as implicated"), prefix="implicate"
        ),
        "disclose_form": DiscloseForm(prefix="disclose"),
        "minutes_revise_form": MinutesReviseForm(prefix="minutes"),
        "minutes_approval_form": MinutesApprovalForm(prefix="approval"),
        "close_form": CloseForm(prefix="close"),
    }
    context.update(forms)
    return context


@staff_required
def report_detail(request: HttpRequest, reference: str) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, reference=reference, request=request)
    return render(request, "reports/staff/detail.html", _detail_context(request, report))


@staff_required
@require_POST
def report_action(request: HttpRequest, reference: str, action: str) -> HttpResponseBase:
    """All changes on the report page post here; the service decides whether they are allowed."""
    report = selectors.report_get_for_user(user=request.user, reference=reference, request=request, log=False)
    user: User = request.user  # type: ignore[assignment]
    post = request.POST
    result: Any
    try:
        if action == "acknowledge":
            result = run_form_action(
                "acknowledge_form",
                AcknowledgeForm(post, prefix="ack"),
                lambda d: services.report_acknowledge(report=report, by=user, body=d["body"], request=request),
                _("The acknowledgement has been sent to the reporter."),
            )
        elif action == "message":
            result = run_form_action(
                "message_form",
                MessageForm(post, prefix="msg"),
                lambda d: services.report_send_message(
                    report=report, by=user, kind=d["kind"], body=d["body"], request=request
                ),
                _("Your message has been sent to the reporter."),
            )
        elif action == "classify":
            result = run_form_action(
                "classify_form",
                ClassifyForm(post, report=report, prefix="cls"),
                lambda d: services.report_classify(
                    report=report, by=user, ground=d["ground"], category=d["category"], request=request
                ),
                _("The classification has been saved."),
            )
        elif action == "assign":
            result = run_form_action(
                "assign_form",
                PersonForm(post, queryset=selectors.assignable_users(report=report), prefix="assign"),
                lambda d: services.report_assign(report=report, by=user, user=d["user"], request=request),
                _("The colleague has been assigned."),
            )
        elif action == "unassign":
            result = run_form_action(
                "assign_form",
                PersonForm(post, queryset=selectors.organisation_people(report=report), prefix="unassign"),
                lambda d: services.report_unassign(report=report, by=user, user=d["user"], request=request),
                _("The assignment has been ended."),
            )
        elif action == "implicate":
            result = run_form_action(
                "implicate_form",
                PersonForm(post, queryset=selectors.organisation_people(report=report), prefix="implicate"),
                lambda d: services.report_mark_implicated(report=report, by=user, user=d["user"], request=request),
                _("The person has been marked as implicated and can no longer see this report."),
            )
        elif action == "disclose":
            form = DiscloseForm(post, prefix="disclose")
            if form.is_valid():
                identity = services.identity_disclose(
                    report=report, by=user, reason=form.cleaned_data["reason"], request=request
                )
                context = _detail_context(request, report)
                context.update({"identity": identity, "identity_shown": True})
                response = render(request, "reports/staff/detail.html", context)
                response["Cache-Control"] = "no-store"
                return response
            result = ("disclose_form", form)
        elif action == "close":
            result = run_form_action(
                "close_form",
                CloseForm(post, prefix="close"),
                lambda d: services.report_close(
                    report=report, by=user, reason=d["reason"], explanation=d["explanation"], request=request
                ),
                _("The report has been closed."),
            )
        elif action == "minutes_revise":
            result = run_form_action(
                "minutes_revise_form",
                MinutesReviseForm(post, prefix="minutes"),
                lambda d: services.minutes_revise(report=report, by=user, text=d["text"], request=request),
                _("The minutes have been offered to the reporter for approval."),
            )
        elif action == "minutes_approval":
            result = run_form_action(
                "minutes_approval_form",
                MinutesApprovalForm(post, prefix="approval"),
                lambda d: services.minutes_record_approval(report=report, by=user, via=d["via"], request=request),
                _("The reporter's approval of the minutes has been recorded."),
            )
        else:
            raise Http404
    except PermissionDenied:
        raise Http404 from None
    except DatabaseError:
        messages.error(
            request, _("Saving failed because of a technical problem. Nothing was changed; please try again.")
        )
        return redirect("reports:staff_report", reference=report.reference)
    if isinstance(result, tuple):
        form_name, form = result
        messages.error(request, _("The change was not saved. Correct the marked fields."))
        report = selectors.report_get_for_user(user=request.user, reference=reference, request=request)
        return render(
            request, "reports/staff/detail.html", _detail_context(request, report, **{form_name: form}), status=400
        )
    messages.success(request, result)
    if action == "implicate" and not selectors.user_can_handle(user=user, report=report):
        return redirect("reports:staff_dashboard")
    return redirect("reports:staff_report", reference=report.reference)


@staff_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get_for_user(user=request.user, pk=pk)
    return attachment_response(attachment, user=request.user, request=request)
