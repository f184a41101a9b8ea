"""The daily reminder about overdue oaths (django-q2 schedule "oath-overdue-reminders",
migration 0002).

Every person overdue for the oath or affirmation (``duty``) gets their manager(s) exactly
one reminder (``OverdueReminder``, claimed once: two workers, overlapping runs or a restart
never send it twice). The mail names nobody: it says someone in the manager's units is
overdue and links to the overdue list.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import onboarding as access
from open_integriteit.access.managers import ManagerTree
from open_integriteit.core.reminders import Mail, absolute_url, remind_once
from open_integriteit.organisations.models import Organisation

from . import duty
from .models import OverdueReminder

logger = logging.getLogger(__name__)


def _mail(reminder: OverdueReminder) -> Mail:
    return Mail(
        subject=_("Someone in your team has not yet taken the oath or affirmation"),
        body=_(
            "A person in a unit you manage has not taken the oath or affirmation within the period your "
            "organisation set. See who and arrange a ceremony with the register clerk: %(url)s\n\n"
            "You receive this e-mail once per person."
        )
        % {"url": absolute_url("onboarding:overdue")},
    )


def send_overdue_reminders(today: dt.date | None = None) -> int:
    """Queue one reminder per overdue person to each of their managers; returns how many."""
    today = today or timezone.localdate()
    queued = 0
    for organisation_id in Organisation.objects.values_list("pk", flat=True):
        overdue = duty.overdue_on(organisation_id=organisation_id, day=today)
        if not overdue:
            continue
        tree = ManagerTree(organisation_id, on=today)
        sent = set(
            OverdueReminder.objects.filter(person__in=[o.person for o in overdue]).values_list(
                "person_id", "due_on", "recipient_id"
            )
        )
        for item in overdue:
            for user in access.managers_to_remind(item.person, tree=tree):
                if (item.person.pk, item.due_on, user.pk) in sent or not user.email:
                    continue
                if remind_once(
                    model=OverdueReminder, compose=_mail, person=item.person, due_on=item.due_on, recipient=user
                ):
                    queued += 1
    if queued:
        logger.info("queued %d overdue-oath reminders", queued)
    return queued
