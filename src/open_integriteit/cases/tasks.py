"""Background jobs for cases (django-q2 worker): protection follow-ups. (Retention is the
registry's job: ``open_integriteit.retention.tasks``.)"""

from __future__ import annotations

import datetime as dt

from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from open_integriteit.access import cases as access
from open_integriteit.access import roles
from open_integriteit.accounts.models import User
from open_integriteit.core.formatting import long_date
from open_integriteit.core.reminders import Mail, absolute_url, remind_once

from .models import Case, ProtectionReminder, ProtectiveMeasure

REMIND_DAYS_BEFORE = 3


def _protection_mail(reminder: ProtectionReminder) -> Mail:
    reference = reminder.measure.case.reference
    return Mail(
        subject=_("Follow-up of a protective measure in case %(reference)s") % {"reference": reference},
        body=_("A protective measure for the reporter in case %(reference)s is due for follow-up on %(date)s: %(url)s")
        % {
            "reference": reference,
            "date": long_date(reminder.follow_up_on),
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
        recipients = list(access.case_team(case)) or list(
            roles.coordinators_of(case.organisation_id).exclude(pk__in=access.implicated_in_case(case.pk))
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


def ask_to_decide_implication(case_id: int, person_id: int) -> int:
    """A handler who may not decide implications named a subject with an account: ask those
    who may (``access.implications``). The mail names neither the person nor any content."""
    case = Case.objects.filter(pk=case_id).first()
    person = User.objects.filter(pk=person_id).first()
    if case is None or person is None:
        return 0
    link = absolute_url("cases:detail", case.reference)
    sent = 0
    for user in access.implication_deciders(case, person):
        if not user.email:
            continue
        with translation.override("nl"):
            send_mail(
                subject=_("Decide on an implication in case %(reference)s") % {"reference": case.reference},
                message=_(
                    "A person with an account was named as the subject of case %(reference)s. Decide whether "
                    "to mark them as implicated, so that they can no longer see the case: %(url)s"
                )
                % {"reference": case.reference, "url": link},
                from_email=None,
                recipient_list=[user.email],
            )
        sent += 1
    return sent
