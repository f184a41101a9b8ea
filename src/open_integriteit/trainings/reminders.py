"""Reminders of mandatory trainings (django-q2 worker, daily schedule
"training-reminders", migration 0002).

Every day each person who is behind with a mandatory training brings their manager (the
managers of the nearest unit at or above their post's unit that has one, not the person
themselves) one reminder per person, requirement and due period, claimed once
(``core/reminders.py``). The mail names the training and the person, nothing else: no
case content, no other record.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access.managers import ManagerTree
from open_integriteit.core.reminders import Mail, absolute_url, remind_once

from .compliance import statuses
from .models import ComplianceReminder, Requirement


def _mail(reminder: ComplianceReminder) -> Mail:
    return Mail(
        subject=_("A mandatory training has not been followed"),
        body=_(
            "%(person)s, one of the people you manage, has not followed the mandatory training "
            "“%(training)s” in time. See who in your units is behind: %(url)s"
        )
        % {
            "person": reminder.person.full_name,
            "training": reminder.requirement.kind.name,
            "url": absolute_url("trainings:compliance"),
        },
    )


def send_training_reminders(today: dt.date | None = None) -> int:
    """Queue the reminders due today; returns how many mails were queued."""
    today = today or timezone.localdate()
    queued = 0
    requirements = list(Requirement.objects.select_related("kind").order_by("organisation_id", "pk"))
    by_organisation: dict[int, list[Requirement]] = {}
    for requirement in requirements:
        by_organisation.setdefault(requirement.organisation_id, []).append(requirement)
    for organisation_id, own in by_organisation.items():
        behind = [s for s in statuses(organisation_id=organisation_id, on=today, requirements=own) if not s.complies]
        if not behind:
            continue
        tree = ManagerTree(organisation_id, on=today)
        for status in behind:
            for recipient_id in sorted(tree.nearest(status.unit_id, person_id=status.person_id)):
                queued += remind_once(
                    model=ComplianceReminder,
                    compose=_mail,
                    requirement_id=status.requirement.pk,
                    person_id=status.person_id,
                    due_on=status.due_on,
                    recipient_id=recipient_id,
                )
    return queued
