"""Writes on the trainings: sessions (with participants or a head count, exactly one of the
two) and mandatory trainings. Each checks ``access.trainings``, validates with
``full_clean`` inside a transaction and writes an audit event with codes and ids only.

Participants count in the enterable figure ``trainings.participants``: a year with an
entered total takes no session records (``figures.services.refuse_when_entered``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.access import trainings as access
from open_integriteit.audit.services import audit_log
from open_integriteit.figures.services import refuse_when_entered
from open_integriteit.lists.models import ListEntry
from open_integriteit.people.models import Person, Post, Unit

from .models import Participation, Requirement, Session

COUNTED_KEYS = ["trainings.sessions", "trainings.participants"]


def _require_recorder(by: Any, organisation_id: int) -> None:
    if not access.can_record_trainings(by, organisation_id):
        raise PermissionDenied


def session_save(
    *,
    organisation: Any,
    by: Any,
    kind: ListEntry,
    date: dt.date,
    title: str,
    audience: str = "",
    head_count: int | None = None,
    participants: Iterable[Person] = (),
    session: Session | None = None,
    request: Any = None,
) -> Session:
    """Record a session (or change ``session``): its participants from the register, or a head count."""
    _require_recorder(by, organisation.pk)
    people = list(participants)
    if session is not None and session.organisation_id != organisation.pk:
        raise PermissionDenied
    if any(person.organisation_id != organisation.pk for person in people):
        raise ValidationError({"participants": _("Choose people of your own organisation.")})
    if people and head_count:
        raise ValidationError(
            {"head_count": _("Give either the participants or a head count, not both: leave the head count empty.")}
        )
    if not people and not head_count:
        raise ValidationError({"head_count": _("Choose the participants, or give the number of people who took part.")})
    with transaction.atomic():
        record = session or Session(organisation=organisation)
        moved = session is None or session.date != date
        record.kind, record.date, record.title, record.audience = kind, date, title.strip(), audience.strip()
        record.head_count = None if people else head_count
        record.participant_count = len({person.pk for person in people}) if people else (head_count or 0)
        record.full_clean()
        if moved:
            refuse_when_entered(organisation=organisation, keys=COUNTED_KEYS, on=date, field="date")
        record.save()
        wanted = {person.pk for person in people}
        have = set(record.participations.values_list("person_id", flat=True)) if session else set()
        record.participations.filter(person_id__in=have - wanted).delete()
        Participation.objects.bulk_create([Participation(session=record, person_id=pk) for pk in sorted(wanted - have)])
        audit_log(
            action="trainings.session_changed" if session else "trainings.session_recorded",
            actor=by,
            target=record,
            request=request,
            details={"kind": kind.code, "participants": len(wanted), "head_count": record.head_count or 0},
        )
    return record


def session_delete(*, session: Session, by: Any, request: Any = None) -> None:
    _require_recorder(by, session.organisation_id)
    with transaction.atomic():
        audit_log(action="trainings.session_deleted", actor=by, target=session, request=request)
        session.delete()


def requirement_save(
    *,
    organisation: Any,
    by: Any,
    kind: ListEntry,
    scope: str,
    applies_from: dt.date,
    period_months: int | None = None,
    post: Post | None = None,
    unit: Unit | None = None,
    person_kind: str = "",
    requirement: Requirement | None = None,
    request: Any = None,
) -> Requirement:
    """Define (or change) a mandatory training; only the target its scope names is kept."""
    _require_recorder(by, organisation.pk)
    if requirement is not None and requirement.organisation_id != organisation.pk:
        raise PermissionDenied
    with transaction.atomic():
        record = requirement or Requirement(organisation=organisation)
        record.kind, record.scope, record.applies_from, record.period_months = kind, scope, applies_from, period_months
        record.post = post if scope == "post" else None
        record.unit = unit if scope == "unit" else None
        record.person_kind = person_kind if scope == "group" else ""
        record.full_clean()
        record.save()
        audit_log(
            action="trainings.requirement_saved",
            actor=by,
            target=record,
            request=request,
            details={"kind": kind.code, "scope": scope, "period_months": period_months or 0},
        )
    return record


def requirement_delete(*, requirement: Requirement, by: Any, request: Any = None) -> None:
    _require_recorder(by, requirement.organisation_id)
    with transaction.atomic():
        audit_log(action="trainings.requirement_deleted", actor=by, target=requirement, request=request)
        requirement.delete()
