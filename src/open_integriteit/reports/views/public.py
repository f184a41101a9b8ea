"""The public reporting point: no login, no JavaScript needed, nothing from third parties,
no IP address stored. The reporter's mailbox is opened with the receipt code."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from open_integriteit.core.forms import add_service_error
from open_integriteit.encryption import keyring
from open_integriteit.organisations.models import Organisation
from open_integriteit.organisations.selectors import organisation_get_public

from .. import receipts, selectors, services, throttle
from ..deadlines import report_deadlines
from ..forms import MinutesAnswerForm, ReceiptLoginForm, ReplyForm, ReportForm
from ..models import Channel, MinutesStatus, Report, Status
from .common import attachment_response

SESSION_KEY = "oi_reporter"
RECEIPT_KEY = "oi_receipt"  # the receipt code between the form's post and the one page that shows it
RECEIPT_AAD = "reports.receipt_once"
REPORTER_SESSION_SECONDS = 20 * 60


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = organisation_get_public(slug=slug)
    request.oi_organisation = organisation  # type: ignore[attr-defined]
    return organisation


def start(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    return render(request, "reports/public/start.html", {"organisation": organisation})


def _submission_failed(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return render(request, "reports/public/submission_failed.html", {"organisation": organisation}, status=503)


def _submission_limited(
    request: HttpRequest, organisation: Organisation, form: ReportForm, quota: throttle.SubmissionQuota
) -> HttpResponse:
    """The form again, with everything typed, when the report may be sent, and other ways to report."""
    retry_at = quota.retry_at
    seconds = max(60, int((retry_at - timezone.now()).total_seconds()))
    values = {
        "organisation": organisation.name,
        "time": timezone.localtime(retry_at).strftime("%H:%M"),
        "minutes": (seconds + 59) // 60,
    }
    if quota.refused_by == "client":
        message = _(
            "Your report has not been sent yet: many reports were sent from your connection in a short time. "
            "You can send it from %(time)s (in about %(minutes)d minutes)."
        )
    else:
        message = _(
            "Your report has not been sent yet: the reporting point of %(organisation)s received an unusually "
            "large number of reports in the past hour. You can send it from %(time)s (in about %(minutes)d minutes)."
        )
    response = render(
        request,
        "reports/public/form.html",
        {
            "organisation": organisation,
            "form": form,
            "files_lost": bool(request.FILES),
            "limited_message": message % values,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            receipt = services.new_receipt()  # argon2id before the write lock is taken (ADR 0002)
            try:
                # One transaction: the counters, and the report when they allow it (ADR 0020).
                with throttle.submission_counted(request, organisation) as quota:
                    if quota.refused_by is None:
                        report, code = services.report_submit(
                            organisation=organisation,
                            data=form.report_data(),
                            identity=form.identity_data(),
                            files=form.cleaned_data["attachments"],
                            receipt=receipt,
                        )
            except ValidationError as exc:  # nothing was written or counted
                add_service_error(form, exc)
            except DatabaseError:
                return _submission_failed(request, organisation)
            else:
                if quota.refused_by:
                    return _submission_limited(request, organisation, form, quota)
                _keep_receipt_for_one_view(request, organisation, report, code)
                return redirect("reports:public_receipt", slug=organisation.slug)
        files_lost = bool(request.FILES)
    else:
        return render(
            request,
            "reports/public/form.html",
            {"organisation": organisation, "form": ReportForm(), "blank_fields": _blank_report_fields(*_blank_key())},
        )
    return render(
        request, "reports/public/form.html", {"organisation": organisation, "form": form, "files_lost": files_lost}
    )


def _blank_key() -> tuple[str, int, int]:
    """What the empty form's fields depend on: the language, and the attachment limits
    that its help text names."""
    return get_language(), settings.OI_MAX_ATTACHMENTS, settings.OI_MAX_ATTACHMENT_MB


@lru_cache(maxsize=8)
def _blank_report_fields(language: str, max_attachments: int, max_attachment_mb: int) -> SafeString:
    """The fields of the empty report form, rendered once per ``_blank_key`` and process.

    They are the same for every organisation and visitor (no request data; the CSRF token
    is outside them), and rendering them was more than half of the CPU of the form page,
    which every reporter loads before sending (ADR 0026)."""
    return render_to_string("reports/public/_report_fields.html", {"form": ReportForm()})


def _keep_receipt_for_one_view(request: HttpRequest, organisation: Organisation, report: Report, code: str) -> None:
    """Keep the receipt code for the one page that shows it (post/redirect/get).

    The session holds it encrypted (the database alone does not reveal it) until the
    receipt page pops it: a reload or the back button shows it no more, and never files
    the report again. The session lasts as long as a mailbox session."""
    request.session[RECEIPT_KEY] = {
        "org": organisation.pk,
        "report": report.pk,
        "code": keyring.encrypt_text(code, aad=RECEIPT_AAD),
    }
    request.session.set_expiry(REPORTER_SESSION_SECONDS)


@require_GET
def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    """The receipt code, shown exactly once; after that a page that says how to go on."""
    organisation = _organisation(request, slug)
    kept = request.session.pop(RECEIPT_KEY, None)
    if kept is not None and set(request.session.keys()) <= {"_session_expiry"}:
        request.session.flush()  # it held nothing else (no mailbox session, no log-in): gone from the server too
    if not kept or kept.get("org") != organisation.pk:
        return render(request, "reports/public/receipt_shown.html", {"organisation": organisation})
    report = selectors.report_get_for_reporter(
        organisation=organisation, report_id=kept.get("report"), log=False, content=False
    )
    code = keyring.decrypt_text(kept["code"], aad=RECEIPT_AAD)
    return render(
        request,
        "reports/public/receipt.html",
        {
            "organisation": organisation,
            "report": report,
            "code": receipts.format_code(code),
            "deadlines": report_deadlines(report),
        },
    )


@require_http_methods(["GET", "POST"])
def mailbox_login(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    form = ReceiptLoginForm(request.POST or None)
    blocked = False
    if request.method == "POST" and form.is_valid():
        attempt = throttle.receipt_attempt(request)  # counted before the code is checked
        if attempt.exceeded:
            blocked = True
        else:
            report = selectors.report_get_for_receipt(organisation=organisation, code=form.cleaned_data["code"])
            if report is None:
                form.add_error("code", _("This receipt code is not known. Check the 16 digits and try again."))
            else:
                throttle.receipt_correct(attempt)
                services.report_receipt_rehash(report=report, code=form.cleaned_data["code"])
                request.session.cycle_key()
                request.session[SESSION_KEY] = {
                    "org": organisation.pk,
                    "report": report.pk,
                    "at": timezone.now().timestamp(),
                }
                request.session.set_expiry(REPORTER_SESSION_SECONDS)
                return redirect("reports:mailbox", slug=organisation.slug)
    return render(
        request, "reports/public/mailbox_login.html", {"organisation": organisation, "form": form, "blocked": blocked}
    )


def _reporter_report(
    request: HttpRequest, organisation: Organisation, *, log: bool = True, content: bool = True
) -> Report | None:
    data = request.session.get(SESSION_KEY)
    if not data or data.get("org") != organisation.pk:
        return None
    now = timezone.now().timestamp()
    if now - data.get("at", 0) > REPORTER_SESSION_SECONDS:
        request.session.flush()  # 20 minutes without activity: log in again
        return None
    request.session[SESSION_KEY] = {**data, "at": now}
    return selectors.report_get_for_reporter(
        organisation=organisation, report_id=data.get("report"), log=log, content=content
    )


@require_http_methods(["GET", "POST"])
def mailbox(request: HttpRequest, slug: str) -> HttpResponseBase:
    organisation = _organisation(request, slug)
    report = _reporter_report(request, organisation)
    if report is None:
        messages.info(request, _("Log in with your receipt code to see your report."))
        return redirect("reports:mailbox_login", slug=organisation.slug)
    reply_form = ReplyForm()
    minutes_form = MinutesAnswerForm()
    files_lost = False
    if request.method == "POST" and request.POST.get("action") == "reply":
        reply_form = ReplyForm(request.POST, request.FILES)
        if reply_form.is_valid():
            try:
                services.report_reply_from_reporter(
                    report=report, body=reply_form.cleaned_data["body"], files=reply_form.cleaned_data["attachments"]
                )
            except ValidationError as exc:
                add_service_error(reply_form, exc)
            except DatabaseError:
                return _submission_failed(request, organisation)
            else:
                messages.success(request, _("Your message has been sent."))
                return redirect("reports:mailbox", slug=organisation.slug)
        files_lost = bool(request.FILES)
    elif request.method == "POST" and request.POST.get("action") == "minutes":
        minutes_form = MinutesAnswerForm(request.POST)
        if minutes_form.is_valid():
            try:
                services.minutes_answer_by_reporter(
                    report=report,
                    approve=minutes_form.cleaned_data["decision"] == "approve",
                    comment=minutes_form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                add_service_error(minutes_form, exc)
            else:
                messages.success(request, _("Thank you, your answer on the minutes has been recorded."))
                return redirect("reports:mailbox", slug=organisation.slug)
    minutes = getattr(report, "minutes", None)  # reverse one-to-one: None when absent
    context: dict[str, Any] = {
        "organisation": organisation,
        "report": report,
        "thread": report.messages.prefetch_related("attachments"),
        "report_attachments": selectors.report_files_of_reporter(report=report),
        # The reporter rereads their own report; what was registered by staff is the
        # reporting point's record (the minutes are the reporter's version of it).
        "own_report": report.channel == Channel.WEB,
        "own_answers": _own_answers(report) if report.channel == Channel.WEB else [],
        "deadlines": report_deadlines(report),
        "reply_form": reply_form,
        "minutes": minutes,
        "minutes_form": minutes_form,
        "minutes_open": minutes is not None
        and minutes.status != MinutesStatus.APPROVED
        and report.status != Status.CLOSED,
        "closed": report.status == Status.CLOSED,
        "files_lost": files_lost,
    }
    return render(request, "reports/public/mailbox.html", context)


# The form's questions, in the form's order; a choice is shown as the reporter chose it.
# Not the ground: the reporting point classifies the report and may change it, and that
# classification is theirs, not the reporter's answer.
OWN_ANSWERS = (
    "what_happened",
    "when_where",
    "involved",
    "how_known",
    "reported_elsewhere",
    "reported_elsewhere_detail",
    "reporter_type",
    "anonymity",
)


def _own_answers(report: Report) -> list[tuple[str, str]]:
    """The reporter's answers to the form's questions, decrypted for this page only; the
    questions they left empty are left out. Nothing staff added (category, notes) is here."""
    answers = []
    for name in OWN_ANSWERS:
        display = getattr(report, f"get_{name}_display", None)
        answer = display() if display is not None else getattr(report, name)
        if answer:
            answers.append((str(ReportForm.base_fields[name].label), str(answer)))
    return answers


def mailbox_attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    organisation = _organisation(request, slug)
    # The download is logged, not a read; the report's text is not decrypted for it.
    report = _reporter_report(request, organisation, log=False, content=False)
    if report is None:
        return redirect("reports:mailbox_login", slug=organisation.slug)
    attachment = selectors.attachment_get_for_reporter(report=report, pk=pk)
    return attachment_response(attachment, user=None, request=request)


@require_POST
def mailbox_logout(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    request.session.flush()
    messages.info(request, _("You have logged out. Keep your receipt code safe."))
    return redirect("reports:mailbox_login", slug=organisation.slug)
