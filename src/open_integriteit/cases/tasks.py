"""Background jobs for cases (django-q2 worker): protection follow-ups. (Retention is the
registry's job: ``open_integriteit.retention.tasks``.)"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.accounts.models import Role, User
from open_integriteit.core.reminders import Mail, absolute_url, remind_once

from .models import ProtectionReminder, ProtectiveMeasure

REMIND_DAYS_BEFORE = 3


def _protection_mail(reminder: ProtectionReminder) -> Mail:
    reference = reminder.measure.case.reference
    return Mail(
        subject=_("Follow-up of a protective measure in case %(reference)s") % {"reference": reference},
        body=_("A protective measure for the reporter in case %(reference)s is due for follow-up on %(date)s: %(url)s")
        % {
            "reference": reference,
            "date": reminder.follow_up_on.strftime("%d-%m-%Y"),
            "url": absolute_url("cases:detail", reference),
        },
    )


def send_protection_reminders(today: dt.date | None = None) -> int:
    """Remind the case's handlers (or the coordinators) of a protective measure's follow-up,
    also after the case has closed. Each follow-up date is reminded once per person
    (``core/reminders.py``). Returns the number of mails queued."""
    today = today or timezone.localdate()
    queued = 0
    due = ProtectiveMeasure.objects.filter(
        ended_on__isnull=True,
        follow_up_on__isnull=False,
        follow_up_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("case")
    for measure in due:
        case = measure.case
        recipients = list(
            User.objects.filter(case_assignments__case=case, is_active=True).exclude(case_implications__case=case)
        )
        if not recipients:
            recipients = list(
                User.objects.filter(
                    organisation_id=case.organisation_id, is_active=True, role_assignments__role=Role.COORDINATOR
                ).exclude(case_implications__case=case)
            )
        for user in recipients:
            if user.email and remind_once(
                model=ProtectionReminder,
                compose=_protection_mail,
                measure=measure,
                follow_up_on=measure.follow_up_on,
                recipient=user,
            ):
                queued += 1
    return queued
