"""Review reminders for rules and codes (django-q2 worker, daily schedule
"regulation-review-reminders", migration 0002).

A current version whose review date has come (adopted on + the organisation's review
period, default four years) gets one mail to each coordinator and register clerk of the
organisation, claimed once (``core/reminders.py``). The mail names no rule: it links to
the register, where the version shows "review due".
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import regulations as access
from open_integriteit.core.reminders import Mail, absolute_url, remind_once

from .models import ReviewReminder
from .selectors import due_for_review


def _mail(reminder: ReviewReminder) -> Mail:
    return Mail(
        subject=_("A rule or code is due for review"),
        body=_(
            "One of your organisation's integrity rules or codes was adopted longer ago than its review period. "
            "See the register of rules and codes: %(url)s"
        )
        % {"url": absolute_url("regulations:list")},
    )


def send_review_reminders(today: dt.date | None = None) -> int:
    """Claim and send the reminders that are due; returns how many mails were queued."""
    today = today or timezone.localdate()
    queued = 0
    recipients: dict[int, list[int]] = {}
    for regulation, review_on in due_for_review(today=today):
        if regulation.organisation_id not in recipients:
            recipients[regulation.organisation_id] = list(
                access.review_recipients(regulation.organisation_id).values_list("pk", flat=True)
            )
        for user_id in recipients[regulation.organisation_id]:
            queued += remind_once(
                model=ReviewReminder, compose=_mail, regulation=regulation, due_on=review_on, recipient_id=user_id
            )
    return queued
