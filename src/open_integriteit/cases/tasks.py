"""Background jobs for cases (django-q2 worker): protection follow-ups and retention."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from open_integriteit.accounts.models import Role, User
from open_integriteit.core.formatting import long_date

from .models import ProtectionReminder, ProtectiveMeasure
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
        recipients = list(
            User.objects.filter(case_assignments__case=case, is_active=True).exclude(case_implications__case=case)
        )
        if not recipients:
            recipients = list(
                User.objects.filter(
                    organisation_id=case.organisation_id, is_active=True, role_assignments__role=Role.COORDINATOR
                ).exclude(case_implications__case=case)
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
                    % {"reference": case.reference, "date": long_date(follow_up_on), "url": link},
                    from_email=None,
                    recipient_list=[user.email],
                )
            sent += 1
    return sent


def retention_run() -> int:
    return run_retention()
