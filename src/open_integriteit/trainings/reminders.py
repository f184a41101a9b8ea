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

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import roles
from open_integriteit.accounts.models import User
from open_integriteit.core.reminders import Mail, absolute_url, remind_once
from open_integriteit.people.models import ManagerOf, Unit

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


def _managers(organisation_id: int, on: dt.date) -> tuple[dict[int, int | None], dict[int, set[int]]]:
    """The unit tree (unit → parent) and the manager accounts per unit, in two queries."""
    units = Unit.objects.filter(organisation_id=organisation_id)
    parents: dict[int, int | None] = dict(units.values_list("pk", "parent_id"))
    managers: dict[int, set[int]] = {}
    for unit_id, user_id in (
        ManagerOf.objects.filter(
            unit__organisation_id=organisation_id,
            person__user__is_active=True,
            person__user__organisation_id=organisation_id,
        )
        .filter(Q(person__left_on__isnull=True) | Q(person__left_on__gt=on))
        # An administrator never receives personal data (ADR 0003), even as a manager.
        .exclude(person__user__in=roles.administrators())
        .values_list("unit_id", "person__user_id")
    ):
        managers.setdefault(unit_id, set()).add(user_id)
    return parents, managers


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
        parents, managers = _managers(organisation_id, today)
        own_user = dict(
            User.objects.filter(person__pk__in={s.person_id for s in behind}).values_list("person__pk", "pk")
        )
        for status in behind:
            unit_id: int | None = status.unit_id
            seen: set[int] = set()
            recipients: set[int] = set()
            while unit_id is not None and unit_id not in seen and not recipients:
                seen.add(unit_id)
                recipients = managers.get(unit_id, set()) - {own_user.get(status.person_id)}
                unit_id = parents.get(unit_id)
            for recipient_id in sorted(recipients):
                queued += remind_once(
                    model=ComplianceReminder,
                    compose=_mail,
                    requirement_id=status.requirement.pk,
                    person_id=status.person_id,
                    due_on=status.due_on,
                    recipient_id=recipient_id,
                )
    return queued
