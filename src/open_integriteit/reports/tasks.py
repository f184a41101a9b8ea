"""Background jobs run by the django-q2 worker. Mails carry no report content."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from open_integriteit.core.formatting import long_datetime

from .deadlines import REMINDER_THRESHOLDS, report_deadlines
from .models import DeadlineReminder, Report, ReporterIdentity, Status
from .selectors import report_handlers

logger = logging.getLogger(__name__)

OVERDUE = "overdue"


def notify_reporter(report_id: int) -> None:
    """Tell a confidential/open reporter who left an address that there is news."""
    report = Report.objects.select_related("organisation").filter(pk=report_id).first()
    identity = ReporterIdentity.objects.filter(report_id=report_id).first()
    if report is None or identity is None or not identity.email:
        return
    with translation.override("nl"):
        mailbox = settings.OI_BASE_URL + reverse("reports:mailbox_login", args=[report.organisation.slug])
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
    link = settings.OI_BASE_URL + reverse("reports:staff_report", args=[report.reference])
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


def send_deadline_reminders(now: dt.datetime | None = None) -> int:
    """Remind assigned staff before a deadline lapses. Each reminder is sent at most once.

    The reminder row is claimed (unique constraint) before the mail goes out, so two
    workers or a restart never send the same reminder twice. Returns the number sent.
    """
    now = now or timezone.now()
    sent = 0
    open_reports = Report.objects.exclude(status=Status.CLOSED).filter(feedback_at__isnull=True)
    for report in open_reports.iterator():
        for deadline in report_deadlines(report, now=now):
            if not deadline.is_open:
                continue
            thresholds: list[tuple[str, dt.timedelta | None]] = [
                *REMINDER_THRESHOLDS[deadline.kind].items(),
                (OVERDUE, None),
            ]
            for threshold, before in thresholds:
                if before is None:
                    if now <= deadline.due_at:
                        continue  # the one "overdue" mail, once the deadline has lapsed
                elif not (deadline.due_at - before <= now <= deadline.due_at):
                    continue
                for user in report_handlers(report=report):
                    if not user.email:
                        continue
                    try:
                        with transaction.atomic():
                            reminder = DeadlineReminder.objects.create(
                                report=report,
                                deadline=deadline.kind,
                                due_at=deadline.due_at,
                                threshold=threshold,
                                recipient=user,
                            )
                    except IntegrityError:
                        continue  # already claimed: sent before
                    link = settings.OI_BASE_URL + reverse("reports:staff_report", args=[report.reference])
                    with translation.override("nl"):
                        subject = (
                            _("Deadline passed for report %(reference)s")
                            if threshold == OVERDUE
                            else _("Deadline approaching for report %(reference)s")
                        )
                        send_mail(
                            subject=subject % {"reference": report.reference},
                            message=_(
                                "The %(deadline)s deadline of report %(reference)s is due on %(due)s. "
                                "Open the report: %(url)s"
                            )
                            % {
                                "deadline": deadline.label.lower(),
                                "reference": report.reference,
                                "due": long_datetime(deadline.due_at),
                                "url": link,
                            },
                            from_email=None,
                            recipient_list=[user.email],
                        )
                    DeadlineReminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
                    sent += 1
    if sent:
        logger.info("sent %d deadline reminders", sent)
    return sent
