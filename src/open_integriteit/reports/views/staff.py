"""Staff pages of the reporting point. Every report is fetched through a selector that
enforces need-to-know and logs the read; every change goes through a service; what the
page offers comes from ``access.reports``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from open_integriteit.access import reports as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.accounts.models import User
from open_integriteit.core.actions import Action, ActionContext, ActionPage, perform
from open_integriteit.core.forms import (
    ConfirmForm,
    PersonForm,
    PersonReasonForm,
    add_service_error,
    filters_or_message,
)
from open_integriteit.core.paging import paginate
from open_integriteit.encryption import keyring

from .. import overview, receipts, retention, selectors, services
from ..deadlines import report_deadlines
from ..forms import (
    AcknowledgeForm,
    ClassifyForm,
    CloseForm,
    DiscloseForm,
    MessageForm,
    MinutesApprovalForm,
    MinutesReviseForm,
    RegisterReportForm,
    ReportFilterForm,
)
from ..models import Anonymity, DeadlineKind, IdentityDisclosure, IdentityGrant, Report, ReporterIdentity
from .common import attachment_response

# Between a post and the one page that shows its result (post/redirect/get).
REGISTERED_KEY = "oi_registered"  # the receipt codes of registered reports not yet shown, encrypted, by report id
REGISTERED_AAD = "reports.registered_receipt_once"
DISCLOSED_KEY = "oi_disclosed"  # the ids of a disclosure, never the identity


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


# How many of the most urgent items of each kind the dashboard shows; the rest is one
# "show all" link away, in the deadline overview.
DASHBOARD_ITEMS = 5


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """A summary that costs the same with ten reports or ten thousand: counts per kind and
    state, and the few most urgent deadlines of each kind."""
    _require(access.can_list_reports(request.user))
    now = timezone.now()
    urgent = {
        kind: overview.deadline_rows(
            selectors.deadlines_for_user(user=request.user, now=now, kind=kind)[:DASHBOARD_ITEMS], now=now
        )
        for kind in (DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.FEEDBACK)
    }
    return render(
        request,
        "reports/staff/dashboard.html",
        {
            "counts": selectors.deadline_counts_for_user(user=request.user, now=now),
            "urgent_acknowledgement": urgent[DeadlineKind.ACKNOWLEDGEMENT],
            "urgent_feedback": urgent[DeadlineKind.FEEDBACK],
            "nav": "dashboard",
        },
    )


@staff_required
def report_list(request: HttpRequest) -> HttpResponse:
    _require(access.can_list_reports(request.user))
    filter_form = ReportFilterForm(request.GET or None)
    filters = filters_or_message(request, filter_form)
    paging = paginate(request, selectors.report_list_for_user(user=request.user, filters=filters))
    now = timezone.now()
    rows = [(r, report_deadlines(r, now=now)) for r in paging["page"]]
    return render(
        request, "reports/staff/list.html", {"rows": rows, "filter_form": filter_form, "nav": "reports", **paging}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def report_register(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    _require(access.can_register_report(user))
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
                _keep_receipt_for_one_view(request, report, code)
                return redirect("reports:staff_registered", reference=report.reference)
        files_lost = bool(request.FILES)
    else:
        form = RegisterReportForm()
    return render(request, "reports/staff/register.html", {"form": form, "files_lost": files_lost, "nav": "register"})


def _keep_receipt_for_one_view(request: HttpRequest, report: Report, code: str) -> None:
    """Keep the receipt code for the one page that shows it (post/redirect/get): encrypted in
    the session until the registered page pops it; a reload shows it no more and registers
    nothing again. Each registered report keeps its own (two tabs lose neither)."""
    kept = request.session.get(REGISTERED_KEY, {})
    request.session[REGISTERED_KEY] = {**kept, str(report.pk): keyring.encrypt_text(code, aad=REGISTERED_AAD)}


@staff_required
@require_GET
def report_registered(request: HttpRequest, reference: str) -> HttpResponse:
    """After registering: the reference, and the receipt code for the reporter exactly once."""
    user: User = request.user  # type: ignore[assignment]
    report = selectors.report_get_registered_by(user=user, reference=reference)
    kept = dict(request.session.get(REGISTERED_KEY, {}))
    encrypted = kept.pop(str(report.pk), None)
    code = None
    if encrypted is not None:
        if kept:
            request.session[REGISTERED_KEY] = kept
        else:
            del request.session[REGISTERED_KEY]
        code = receipts.format_code(keyring.decrypt_text(encrypted, aad=REGISTERED_AAD))
    response = render(
        request,
        "reports/staff/registered.html",
        {"report": report, "code": code, "may_open": access.can_view_report(user, report), "nav": "register"},
    )
    response["Cache-Control"] = "no-store"
    return response


def _may(user: User, report: Report, case_link: Any) -> dict[str, bool]:
    """What the page offers this user: asked of ``access.reports``, enforced again by the services."""
    coordinate = access.can_coordinate_report(user, report)
    return {
        "coordinate": coordinate,
        "start_case": coordinate and case_link is None,
        "assign": coordinate and case_link is None,
        "implicate": access.people_user_may_implicate(user, report).exists(),
        "disclose": access.can_disclose_identity(user, report),
        "grant_identity": access.can_grant_identity(user, report),
    }


def _detail_context(request: HttpRequest, report: Report, **forms: Form) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    case_link = getattr(report, "case_link", None)  # reverse one-to-one: None when absent
    may = _may(user, report, case_link)
    context: dict[str, Any] = {
        "report": report,
        "may": may,
        "deadlines": report_deadlines(report),
        "thread": report.messages.select_related("author").prefetch_related("attachments"),
        "report_attachments": report.attachments.filter(message__isnull=True),
        "team": selectors.report_team(report=report),
        "implications": report.implications.select_related("user") if may["implicate"] else [],
        "identity_grants": selectors.identity_grants(report=report) if may["grant_identity"] else [],
        "minutes": getattr(report, "minutes", None),
        "has_identity": report.anonymity != Anonymity.ANONYMOUS
        and ReporterIdentity.objects.filter(report=report).exists(),
        "case_link": case_link,
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
            queryset=selectors.implicatable_people(user=user, report=report),
            label=_("Mark as implicated"),
            prefix="implicate",
        ),
        "withdraw_form": _withdraw_form(None, report),
        "disclose_form": DiscloseForm(prefix="disclose"),
        "grant_form": _grant_form(None, report),
        "minutes_revise_form": MinutesReviseForm(prefix="minutes"),
        "minutes_approval_form": MinutesApprovalForm(prefix="approval"),
        "close_form": CloseForm(prefix="close"),
    }
    context.update(forms)
    return context


def _withdraw_form(data: Any, report: Report) -> PersonReasonForm:
    return PersonReasonForm(
        data,
        queryset=User.objects.filter(report_implications__report=report),
        label=_("Implicated person"),
        reason_label=_("Why was marking this person a mistake?"),
        prefix="withdraw",
    )


def _grant_form(data: Any, report: Report) -> PersonReasonForm:
    return PersonReasonForm(
        data,
        queryset=access.identity_grantable_to(report),
        label=_("Colleague"),
        reason_label=_("Why does this colleague need the reporter's identity?"),
        prefix="grant",
    )


# Where the report page returns to after each action: the anchor of its section.
ACTION_SECTIONS: dict[str, str] = {
    "acknowledge": "thread",
    "message": "thread",
    "classify": "classify",
    "assign": "team",
    "unassign": "team",
    "implicate": "team",
    "withdraw_implication": "team",
    "disclose": "identity",
    "grant_identity": "identity",
    "revoke_identity": "identity",
    "close": "close",
    "minutes_revise": "minutes",
    "minutes_approval": "minutes",
}
# After closing, the page has no close section any more: the status at the top tells.
_LEAVES_SECTION = frozenset({"close"})
SECTION_NAMES = frozenset({"content", "identity", "minutes", "thread", "close", "classify", "team"})


def _shown_sections(context: dict[str, Any]) -> set[str]:
    """The sections the page shows (as ``detail.html`` decides them)."""
    report, may = context["report"], context["may"]
    shown = {"content", "thread", "team"}
    if report.anonymity != Anonymity.ANONYMOUS:
        shown.add("identity")
    if context["minutes"]:
        shown.add("minutes")
    if may["coordinate"]:
        shown.add("classify")
        if not context["case_link"] and report.status != "closed":
            shown.add("close")
    return shown


def _in_section(request: HttpRequest, context: dict[str, Any], section: str) -> dict[str, Any]:
    """Show the confirmation in the section the page returns to, not at its top (when the
    page shows that section to this user; else the message stays on top)."""
    if section in _shown_sections(context):
        context.update(section=section, section_messages=list(messages.get_messages(request)), messages=[])
    return context


@staff_required
def report_detail(request: HttpRequest, reference: str) -> HttpResponse:
    report = selectors.report_get_for_user(user=request.user, reference=reference, request=request)
    section = request.GET.get("section", "")
    context = _in_section(request, _detail_context(request, report), section if section in SECTION_NAMES else "")
    disclosure = request.GET.get("disclosure", "")
    if disclosure.isdigit():
        context.update(_identity_once(request, report, disclosure))
    response = render(request, "reports/staff/detail.html", context)
    if context.get("identity_shown"):
        response["Cache-Control"] = "no-store"  # the identity is never kept in a page cache
    return response


def _post(c: ActionContext) -> Any:
    return c.request.POST


def _kw(c: ActionContext) -> dict[str, Any]:
    return {"report": c.subject, "by": c.user, "request": c.request}


def _show_identity_once(c: ActionContext) -> HttpResponse:
    """After the disclosure (audited once, by the service): on to the report page, which shows
    the identity once (post/redirect/get). The session holds only the ids, never the identity."""
    disclosure = IdentityDisclosure.objects.filter(report=c.subject, user=c.user).latest("pk")
    c.request.session[DISCLOSED_KEY] = {"report": c.subject.pk, "disclosure": disclosure.pk}
    page_url = reverse("reports:staff_report", args=[c.subject.reference])
    return redirect(f"{page_url}?section=identity&disclosure={disclosure.pk}#identity")


def _identity_once(request: HttpRequest, report: Report, disclosure: str) -> dict[str, Any]:
    """The identity, on the first view after its disclosure only; a reload (or an old link)
    says it was shown once and offers the disclosure again, with a reason."""
    user: User = request.user  # type: ignore[assignment]
    kept = request.session.pop(DISCLOSED_KEY, None)
    if kept == {"report": report.pk, "disclosure": int(disclosure)} and access.can_disclose_identity(user, report):
        return {"identity": ReporterIdentity.objects.filter(report=report).first(), "identity_shown": True}
    return {"identity_shown_before": True}


ACTIONS: dict[str, Action] = {
    "acknowledge": Action(
        "acknowledge_form",
        lambda c: AcknowledgeForm(_post(c), prefix="ack"),
        lambda c, d: services.report_acknowledge(body=d["body"], **_kw(c)),
        gettext_lazy("The acknowledgement has been sent to the reporter."),
    ),
    "message": Action(
        "message_form",
        lambda c: MessageForm(_post(c), prefix="msg"),
        lambda c, d: services.report_send_message(kind=d["kind"], body=d["body"], **_kw(c)),
        gettext_lazy("Your message has been sent to the reporter."),
    ),
    "classify": Action(
        "classify_form",
        lambda c: ClassifyForm(_post(c), report=c.subject, prefix="cls"),
        lambda c, d: services.report_classify(ground=d["ground"], category=d["category"], **_kw(c)),
        gettext_lazy("The classification has been saved."),
    ),
    "assign": Action(
        "assign_form",
        lambda c: PersonForm(_post(c), queryset=selectors.assignable_users(report=c.subject), prefix="assign"),
        lambda c, d: services.report_assign(user=d["user"], **_kw(c)),
        gettext_lazy("The colleague has been assigned."),
    ),
    "unassign": Action(
        "assign_form",
        lambda c: PersonForm(_post(c), queryset=selectors.organisation_people(report=c.subject), prefix="unassign"),
        lambda c, d: services.report_unassign(user=d["user"], **_kw(c)),
        gettext_lazy("The assignment has been ended."),
    ),
    "implicate": Action(
        "implicate_form",
        lambda c: PersonForm(_post(c), queryset=selectors.organisation_people(report=c.subject), prefix="implicate"),
        lambda c, d: services.report_mark_implicated(user=d["user"], **_kw(c)),
        gettext_lazy("The person has been marked as implicated and can no longer see this report."),
    ),
    "withdraw_implication": Action(
        "withdraw_form",
        lambda c: _withdraw_form(_post(c), c.subject),
        lambda c, d: services.report_implication_withdraw(user=d["user"], reason=d["reason"], **_kw(c)),
        gettext_lazy("The implication has been withdrawn. The reason has been recorded."),
    ),
    "disclose": Action(
        "disclose_form",
        lambda c: DiscloseForm(_post(c), prefix="disclose"),
        lambda c, d: services.identity_disclose(reason=d["reason"], **_kw(c)),
        None,
        respond=_show_identity_once,
    ),
    "grant_identity": Action(
        "grant_form",
        lambda c: _grant_form(_post(c), c.subject),
        lambda c, d: services.identity_grant(user=d["user"], reason=d["reason"], **_kw(c)),
        gettext_lazy("The colleague may now see the reporter's identity, each time with a reason."),
    ),
    "revoke_identity": Action(
        "revoke_form",
        lambda c: ConfirmForm(_post(c)),
        lambda c, d: services.identity_grant_revoke(grant=c.found, by=c.user, request=c.request),
        gettext_lazy("The colleague can no longer see the reporter's identity."),
        find=lambda c: IdentityGrant.objects.filter(
            report=c.subject, revoked_at__isnull=True, pk=_post(c).get("grant_id") or 0
        ).first(),
    ),
    "close": Action(
        "close_form",
        lambda c: CloseForm(_post(c), prefix="close"),
        lambda c, d: services.report_close(reason=d["reason"], explanation=d["explanation"], **_kw(c)),
        gettext_lazy("The report has been closed."),
    ),
    "minutes_revise": Action(
        "minutes_revise_form",
        lambda c: MinutesReviseForm(_post(c), prefix="minutes"),
        lambda c, d: services.minutes_revise(text=d["text"], **_kw(c)),
        gettext_lazy("The minutes have been offered to the reporter for approval."),
    ),
    "minutes_approval": Action(
        "minutes_approval_form",
        lambda c: MinutesApprovalForm(_post(c), prefix="approval"),
        lambda c, d: services.minutes_record_approval(via=d["via"], **_kw(c)),
        gettext_lazy("The reporter's approval of the minutes has been recorded."),
    ),
}


@staff_required
@require_POST
def report_action(request: HttpRequest, reference: str, action: str) -> HttpResponseBase:
    """All changes on the report page post here (``ACTIONS``); the service decides whether
    they are allowed."""
    user: User = request.user  # type: ignore[assignment]
    report = selectors.report_get_for_user(user=user, reference=reference, request=request, log=False)
    section = ACTION_SECTIONS.get(action, "")
    page_url = reverse("reports:staff_report", args=[report.reference])
    back_url = page_url if action in _LEAVES_SECTION or not section else f"{page_url}?section={section}#{section}"

    def with_errors(form_name: str, form: Form) -> HttpResponse:
        fresh = selectors.report_get_for_user(user=user, reference=reference, request=request)
        context = _detail_context(request, fresh, **{form_name: form})
        context["error_section"] = section  # the message stays on top, with a link to the form
        return render(request, "reports/staff/detail.html", context, status=400)

    page = ActionPage(
        back=lambda: redirect(back_url),
        away=lambda: redirect("reports:staff_dashboard"),
        still_visible=lambda: access.can_view_report(user, report),
        with_errors=with_errors,
    )
    return perform(ACTIONS, action, ActionContext(request=request, user=user, subject=report), page)


@staff_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get_for_user(user=request.user, pk=pk)
    return attachment_response(attachment, user=request.user, request=request)
