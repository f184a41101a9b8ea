"""Retention of complaints and incidents (ADR 0008): their free texts can name the people
involved, so they go a period after the decision on the complaint (a pending complaint waits)
or after the incident's date. What the annual report counts stays: dates, kind, committee,
outcome, the link to the case, the class of action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.access.complaints import can_keep_complaints
from open_integriteit.audit.services import audit_log
from open_integriteit.retention.erase import clear_encrypted
from open_integriteit.retention.periods import PeriodTable
from open_integriteit.retention.registry import Pending, Period, Policy, ends_at, register

from .models import Complaint, Incident

COMPLAINT = Period("complaints.complaint", _("Complaints: months after the decision"), 60)
INCIDENT = Period("complaints.incident", _("Incidents: months after the incident"), 60)


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _event(record: Complaint | Incident) -> dt.date | None:
    return record.decided_on if isinstance(record, Complaint) else record.date


def retention_ends(record: Complaint | Incident) -> dt.datetime | None:
    day = _event(record)
    if record.destroyed_at is not None or day is None:
        return None
    period = COMPLAINT if isinstance(record, Complaint) else INCIDENT
    return ends_at(
        _moment(day), PeriodTable(organisation_id=record.organisation_id)(record.organisation_id, period.key)
    )


def _visible(model: type[Model], user: Any) -> Any:
    if user is None:
        return model._default_manager.all()
    if not can_keep_complaints(user):
        return model._default_manager.none()
    return model._default_manager.filter(organisation_id=user.organisation_id)


def complaints_pending(*, months: PeriodTable, user: Any = None) -> Iterator[Pending]:
    for record in _visible(Complaint, user).filter(destroyed_at__isnull=True).order_by("received_on", "pk"):
        decided = record.decided_on
        yield Pending(
            obj=record,
            label=f"{record.received_on:%d-%m-%Y} {record.get_kind_display()}",
            event_at=_moment(decided or record.received_on),
            ends_at=ends_at(_moment(decided), months(record.organisation_id, COMPLAINT.key)) if decided else None,
            postponed_by="" if decided else _("no decision yet"),
            url=reverse("complaints:complaint_edit", args=[record.pk]),
        )


def incidents_pending(*, months: PeriodTable, user: Any = None) -> Iterator[Pending]:
    for record in _visible(Incident, user).filter(destroyed_at__isnull=True).order_by("date", "pk"):
        yield Pending(
            obj=record,
            label=f"{record.date:%d-%m-%Y} {record.get_kind_display()}",
            event_at=_moment(record.date),
            ends_at=ends_at(_moment(record.date), months(record.organisation_id, INCIDENT.key)),
            url=reverse("complaints:incident_edit", args=[record.pk]),
        )


def _destroy(model: type[Complaint] | type[Incident], record: Complaint | Incident, now: dt.datetime) -> bool:
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=record.pk, destroyed_at__isnull=True).first()
        if locked is None:
            return False
        end = retention_ends(locked)
        if end is None or end > now:
            return False
        clear_encrypted(model.objects.filter(pk=locked.pk), destroyed_at=timezone.now())
        audit_log(action="complaints.text_destroyed", channel="system", target=locked, details={"kind": locked.kind})
    return True


def complaint_destroy_if_due(record: Complaint, now: dt.datetime) -> bool:
    return _destroy(Complaint, record, now)


def incident_destroy_if_due(record: Incident, now: dt.datetime) -> bool:
    return _destroy(Incident, record, now)


def register_policy() -> None:
    register(
        Policy(
            code="complaints.complaint",
            label=_("Complaints"),
            event=_("the decision on the complaint"),
            destroys=_("The description of the complaint."),
            keeps=_("Received date, kind, committee, outcome, decision date and the link to the case."),
            periods=(COMPLAINT,),
            pending=complaints_pending,
            destroy=complaint_destroy_if_due,
        )
    )
    register(
        Policy(
            code="complaints.incident",
            label=_("Integrity incidents"),
            event=_("the date of the incident"),
            destroys=_("The description and the explanation of the action taken."),
            keeps=_("Date, kind and the class of action taken."),
            periods=(INCIDENT,),
            pending=incidents_pending,
            destroy=incident_destroy_if_due,
        )
    )
