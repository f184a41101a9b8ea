"""Background jobs run by the django-q2 worker. Mails carry no report content."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from open_integriteit.core.formatting import long_datetime
from open_integriteit.core.reminders import Mail, absolute_url, remind_once

from .deadlines import OVERDUE, reminder_due, report_deadlines
from .models import DeadlineKind, DeadlineReminder, NewReportNotice, Report, ReporterIdentity, Status
from .selectors import new_report_recipients, report_handlers

logger = logging.getLogger(__name__)


def notify_reporter(report_id: int) -> None:
    """Tell a confidential/open reporter who left an address that there is news."""
    report = Report.objects.select_related("organisation").filter(pk=report_id).first()
    identity = ReporterIdentity.objects.filter(report_id=report_id).first()
    if report is None or identity is None or not identity.email:
        return
    with translation.override("nl"):
        mailbox = absolute_url("reports:mailbox_login", report.organisation.slug)
        send_mail(
            subject=_("News about your report"),
            message=_(
                "There is news about the report you made at the reporting point of %(organisation)s.\n\n"
                "Log in with your receipt code to read it: %(url)s\n\n"
                "For your safety this e-mail contains nothing about the content of your report."
            )
            % {"organisation": report.organisation.name, "url": mailbox},
            from_email=None,
            recipient_list=[identity.email],
        )


def notify_handlers(report_id: int) -> None:
    """Tell the staff handling a report that the reporter has answered."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return
    link = absolute_url("reports:staff_report", report.reference)
    for user in report_handlers(report=report):
        if not user.email:
            continue
        with translation.override("nl"):
            send_mail(
                subject=_("New message on report %(reference)s") % {"reference": report.reference},
                message=_("There is a new message on report %(reference)s. Read it in Open Integriteit: %(url)s")
                % {"reference": report.reference, "url": link},
                from_email=None,
                recipient_list=[user.email],
            )


def _new_report_mail(notice: NewReportNotice) -> Mail:
    """Only that there is a new report, and where to look: no reference, channel or content."""
    # Read without the report's (encrypted) content: the mail needs only the organisation.
    organisation = Report.objects.filter(pk=notice.report_id).values_list("organisation__name", flat=True).get()
    return Mail(
        subject=_("New report at the reporting point of %(organisation)s") % {"organisation": organisation},
        body=_(
            "A new report has arrived at the reporting point of %(organisation)s. "
            "Open Integriteit shows it among the new reports: %(url)s\n\n"
            "For safety this e-mail contains nothing about the report itself."
        )
        % {"organisation": organisation, "url": absolute_url("reports:staff_dashboard")},
    )


def notify_new_report(report_id: int) -> int:
    """Tell the reporting point that a new report has arrived, each coordinator once.

    Queued after a report is submitted or registered (``services``). Every mail is claimed
    once (``core/reminders.py``): a retried or repeated job never sends it twice. Returns
    the number of mails queued.
    """
    report = Report.objects.only("pk", "organisation_id", "registered_by_id").filter(pk=report_id).first()
    if report is None:
        return 0
    queued = 0
    for user in new_report_recipients(report=report):
        if user.email and remind_once(model=NewReportNotice, compose=_new_report_mail, report=report, recipient=user):
            queued += 1
    return queued


def _deadline_mail(reminder: DeadlineReminder) -> Mail:
    reference = reminder.report.reference
    subject = (
        _("Deadline passed for report %(reference)s")
        if reminder.threshold == OVERDUE
        else _("Deadline approaching for report %(reference)s")
    )
    return Mail(
        subject=subject % {"reference": reference},
        body=_("The %(deadline)s deadline of report %(reference)s is due on %(due)s. Open the report: %(url)s")
        % {
            "deadline": str(DeadlineKind(reminder.deadline).label).lower(),
            "reference": reference,
            "due": long_datetime(reminder.due_at),
            "url": absolute_url("reports:staff_report", reference),
        },
    )


def send_deadline_reminders(now: dt.datetime | None = None) -> int:
    """Remind the report's handlers before a deadline lapses, and once when it has lapsed.

    Each reminder is claimed once (``core/reminders.py``): two workers, overlapping runs or
    a restart never send it twice. Returns the number of mails queued.
    """
    now = now or timezone.now()
    queued = 0
    open_reports = Report.objects.exclude(status=Status.CLOSED).filter(feedback_at__isnull=True)
    for report in open_reports.iterator():
        for deadline in report_deadlines(report, now=now):
            threshold = reminder_due(deadline, now=now)
            if threshold is None:
                continue
            for user in report_handlers(report=report):
                if user.email and remind_once(
                    model=DeadlineReminder,
                    compose=_deadline_mail,
                    report=report,
                    deadline=deadline.kind,
                    due_at=deadline.due_at,
                    threshold=threshold,
                    recipient=user,
                ):
                    queued += 1
    if queued:
        logger.info("queued %d deadline reminders", queued)
    return queued
