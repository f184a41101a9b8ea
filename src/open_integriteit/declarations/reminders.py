"""Reminders and escalation of pending decisions (django-q2 worker, daily schedule
"declaration-decision-reminders", migration 0002).

A declaration that waits for its decision longer than the organisation's
``decision_reminder_days`` gets one reminder to each of its deciders
(``access.declarations.deciders_of``); longer than ``decision_escalation_days`` one
escalation to each coordinator. Each mail is claimed once (``core/reminders.py``): two
workers, overlapping runs or a restart never send it twice. The mails say only that a
decision is waiting, with a link to the queue: nothing about the declaration or the person.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import declarations as access
from open_integriteit.access.managers import ManagerTree
from open_integriteit.core.reminders import Mail, absolute_url, remind_once

from .models import DecisionReminder, DecisionReminderKind, Declaration, RegisterSettings
from .workflow import State

logger = logging.getLogger(__name__)


def _reminder_mail(reminder: DecisionReminder) -> Mail:
    url = absolute_url("declarations:queue")
    if reminder.kind == DecisionReminderKind.ESCALATION:
        return Mail(
            subject=_("A decision on a declaration is overdue"),
            body=_(
                "A declaration of a person in your organisation has been waiting for its decision for "
                "longer than your organisation allows. See the declarations waiting for a decision: %(url)s\n\n"
                "This e-mail contains nothing about the declaration itself."
            )
            % {"url": url},
        )
    return Mail(
        subject=_("A declaration is waiting for your decision"),
        body=_(
            "A declaration is waiting for your decision. Open your queue of declarations: %(url)s\n\n"
            "This e-mail contains nothing about the declaration itself."
        )
        % {"url": url},
    )


def days_waiting(declaration: Declaration, now: dt.datetime) -> int:
    """Whole days since the declaration was submitted."""
    if declaration.submitted_at is None:
        return 0
    return (now - declaration.submitted_at).days


def send_decision_reminders(now: dt.datetime | None = None) -> int:
    """Remind the deciders of every declaration waiting longer than the reminder days, and
    alert the coordinators of every one waiting longer than the escalation days; each
    recipient once per declaration and kind. Returns the number of mails queued."""
    now = now or timezone.now()
    settings_of: dict[int, RegisterSettings] = {}
    defaults = RegisterSettings()
    for row in RegisterSettings.objects.all():
        settings_of[row.organisation_id] = row
    shortest = min(
        [defaults.decision_reminder_days, *(s.decision_reminder_days for s in settings_of.values())],
    )
    waiting = (
        Declaration.objects.filter(state=State.SUBMITTED, submitted_at__lte=now - dt.timedelta(days=shortest))
        .select_related("person")
        .order_by("submitted_at", "pk")
    )
    # Reminders already sent are not claimed again (the claim would refuse them anyway);
    # the deciders of a person are looked up once per run.
    sent = set(
        DecisionReminder.objects.filter(declaration__in=waiting, sent_at__isnull=False).values_list(
            "declaration_id", "kind", "recipient_id"
        )
    )
    deciders: dict[int, list[Any]] = {}
    trees: dict[int, ManagerTree] = {}

    def deciders_of(declaration: Declaration) -> list[Any]:
        if declaration.person_id not in deciders:
            organisation_id = declaration.organisation_id
            if organisation_id not in trees:
                trees[organisation_id] = ManagerTree(organisation_id, on=timezone.localdate(now))
            deciders[declaration.person_id] = list(access.deciders_of(declaration.person, tree=trees[organisation_id]))
        return deciders[declaration.person_id]

    queued = 0
    for declaration in waiting.iterator():
        settings = settings_of.get(declaration.organisation_id, defaults)
        days = days_waiting(declaration, now)
        due = (
            (DecisionReminderKind.REMINDER, settings.decision_reminder_days, deciders_of),
            (DecisionReminderKind.ESCALATION, settings.decision_escalation_days, access.escalation_recipients),
        )
        for kind, after_days, recipients in due:
            if days < after_days:
                continue
            for user in recipients(declaration):
                if (declaration.pk, kind, user.pk) in sent:
                    continue
                if user.email and remind_once(
                    model=DecisionReminder, compose=_reminder_mail, declaration=declaration, kind=kind, recipient=user
                ):
                    queued += 1
    if queued:
        logger.info("queued %d decision reminders", queued)
    return queued
