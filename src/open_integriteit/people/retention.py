"""Retention of the people register (ADR 0008, ADR 0018): a person who left is removed from
the register, with their post history and the units they managed, a period after the end of
their employment (default two years, adjustable per organisation). Units and posts are not
personal data and stay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.access.people import people_visible_to
from open_integriteit.audit.services import audit_log
from open_integriteit.retention.periods import PeriodTable
from open_integriteit.retention.registry import Pending, Period, Policy, ends_at, register

from .models import Person

PERIOD = Period("people.leaver", _("People who left: months after the end of employment"), 24)


def _left(person: Person) -> dt.datetime:
    assert person.left_on is not None
    return timezone.make_aware(dt.datetime.combine(person.left_on, dt.time.min))


def retention_ends(person: Person) -> dt.datetime | None:
    if person.left_on is None:
        return None
    months = PeriodTable(organisation_id=person.organisation_id)(person.organisation_id, PERIOD.key)
    return ends_at(_left(person), months)


def pending(*, months: PeriodTable, user: Any = None) -> Iterator[Pending]:
    people = Person.objects.all() if user is None else people_visible_to(user)
    for person in people.filter(left_on__isnull=False).order_by("left_on", "pk").iterator(chunk_size=2000):
        yield Pending(
            obj=person,
            label=person.external_id,
            event_at=_left(person),
            ends_at=ends_at(_left(person), months(person.organisation_id, PERIOD.key)),
            url=reverse("people:person", args=[person.pk]),
        )


def destroy_if_due(person: Person, now: dt.datetime) -> bool:
    with transaction.atomic():
        locked = Person.objects.select_for_update().filter(pk=person.pk, left_on__isnull=False).first()
        if locked is None:
            return False
        end = retention_ends(locked)
        if end is None or end > now:
            return False
        pk, organisation_id = locked.pk, locked.organisation_id
        locked.delete()
        audit_log(
            action="people.destroyed",
            channel="system",
            organisation_id=organisation_id,
            details={"person": pk},
        )
    return True


def register_policy() -> None:
    register(
        Policy(
            code="people.leaver",
            label=_("People register"),
            event=_("the end of employment (or of the term of office)"),
            destroys=_(
                "The person: name, e-mail, party, post history, the units they managed, and their declarations "
                "with their history and answers (ADR 0021)."
            ),
            keeps=_("Units and posts, which are not personal data."),
            periods=(PERIOD,),
            pending=pending,
            destroy=destroy_if_due,
        )
    )
