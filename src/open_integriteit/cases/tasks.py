"""Background jobs for cases (django-q2 worker): protection follow-ups and retention."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from open_integriteit.access import cases as access
from open_integriteit.access import roles
from open_integriteit.accounts.models import User

from .models import Case, ProtectionReminder, ProtectiveMeasure
from .retention import run_retention

REMIND_DAYS_BEFORE = 3


def send_protection_reminders(today: dt.date | None = None) -> int:
    """Remind the case's handlers (or the coordinators) of a protective measure's follow-up,
    also after the case has closed. Each follow-up date is reminded once per person."""
    today = today or timezone.localdate()
    sent = 0
    due = ProtectiveMeasure.objects.filter(
        ended_on__isnull=True,
        follow_up_on__isnull=False,
        follow_up_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("case")
    for measure in due:
        case = measure.case
        follow_up_on = measure.follow_up_on
        assert follow_up_on is not None
        recipients = list(access.case_team(case)) or list(
            roles.coordinators_of(case.organisation_id).exclude(pk__in=access.implicated_in_case(case.pk))
        )
        link = settings.OI_BASE_URL + reverse("cases:detail", args=[case.reference])
        for user in recipients:
            if not user.email:
                continue
            try:
                with transaction.atomic():
                    ProtectionReminder.objects.create(measure=measure, follow_up_on=follow_up_on, recipient=user)
            except IntegrityError:
                continue
            with translation.override("nl"):
                send_mail(
                    subject=_("Follow-up of a protective measure in case %(reference)s")
                    % {"reference": case.reference},
                    message=_(
                        "A protective measure for the reporter in case %(reference)s is due for follow-up "
                        "on %(date)s: %(url)s"
                    )
                    % {"reference": case.reference, "date": follow_up_on.strftime("%d-%m-%Y"), "url": link},
                    from_email=None,
                    recipient_list=[user.email],
                )
            sent += 1
    return sent


def ask_to_decide_implication(case_id: int, person_id: int) -> int:
    """A handler who may not decide implications named a subject with an account: ask those
    who may (``access.implications``). The mail names neither the person nor any content."""
    case = Case.objects.filter(pk=case_id).first()
    person = User.objects.filter(pk=person_id).first()
    if case is None or person is None:
        return 0
    link = settings.OI_BASE_URL + reverse("cases:detail", args=[case.reference])
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


def retention_run() -> int:
    return run_retention()
