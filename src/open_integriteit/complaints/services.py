"""Writes on complaints and incidents: typed, keyword-only, atomic and audited. Audit details
hold ids and codes only — never a description.

A complaint is linked only to a case the recorder sees (``access.complaints.can_link_case``):
an id of another organisation's case, or of a case they may not see, is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import complaints as access
from open_integriteit.audit.services import audit_log

from .models import Complaint, ComplaintOutcome, Incident

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.cases.models import Case
    from open_integriteit.organisations.models import Organisation


def _require_keeper(by: User, organisation_id: int) -> None:
    if not access.can_keep_complaints(by, organisation_id):
        raise PermissionDenied


def _complaint_errors(complaint: Complaint, by: User, case: Case | None) -> dict[str, str]:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if complaint.received_on and complaint.received_on > today:
        errors["received_on"] = _("The date cannot be in the future.")
    if complaint.external and not complaint.committee:
        errors["committee"] = _("Name the external complaints committee.")
    decided = complaint.outcome != ComplaintOutcome.PENDING
    if decided and complaint.decided_on is None:
        errors["decided_on"] = _("Enter the date of the decision.")
    elif not decided and complaint.decided_on is not None:
        errors["decided_on"] = _(
            "A pending complaint has no decision date: choose the outcome, or leave the date empty."
        )
    elif complaint.decided_on is not None:
        if complaint.decided_on > today:
            errors["decided_on"] = _("The date cannot be in the future.")
        elif complaint.received_on and complaint.decided_on < complaint.received_on:
            errors["decided_on"] = _("The decision cannot be dated before the complaint was received.")
    if case is not None and not access.can_link_case(by, case):
        errors["case"] = _("Choose a case of your own organisation that you may see.")
    return errors


def _refuse_destroyed(record: Complaint | Incident) -> None:
    if record.destroyed_at is not None:
        raise ValidationError(_("Its texts were destroyed after the retention period: it can no longer be changed."))


def _save_complaint(
    complaint: Complaint,
    *,
    by: User,
    received_on: dt.date,
    kind: str,
    external: bool,
    committee: str,
    description: str,
    outcome: str,
    decided_on: dt.date | None,
    case: Case | None,
) -> Complaint:
    _refuse_destroyed(complaint)
    lost_case = complaint.became_case and complaint.pk is not None and complaint.case_id is None
    complaint.received_on = received_on
    complaint.kind = kind
    complaint.external = external
    complaint.committee = committee.strip() if external else ""
    complaint.description = description.strip()
    complaint.outcome = outcome
    complaint.decided_on = decided_on
    complaint.case = case
    complaint.became_case = case is not None or lost_case  # a destroyed case still counts as one
    errors = _complaint_errors(complaint, by, case)
    if errors:
        raise ValidationError(errors)
    complaint.full_clean()
    complaint.save()
    return complaint


def complaint_record(
    *,
    organisation: Organisation,
    by: User,
    received_on: dt.date,
    kind: str,
    external: bool = False,
    committee: str = "",
    description: str = "",
    outcome: str = ComplaintOutcome.PENDING,
    decided_on: dt.date | None = None,
    case: Case | None = None,
    request: HttpRequest | None = None,
) -> Complaint:
    """Record a complaint received (internally or by an external committee)."""
    _require_keeper(by, organisation.pk)
    with transaction.atomic():
        complaint = _save_complaint(
            Complaint(organisation=organisation),
            by=by,
            received_on=received_on,
            kind=kind,
            external=external,
            committee=committee,
            description=description,
            outcome=outcome,
            decided_on=decided_on,
            case=case,
        )
        audit_log(
            action="complaints.complaint_recorded",
            actor=by,
            target=complaint,
            request=request,
            details={"case_id": complaint.case_id},
        )
    return complaint


def complaint_update(
    *,
    complaint: Complaint,
    by: User,
    received_on: dt.date,
    kind: str,
    external: bool = False,
    committee: str = "",
    description: str = "",
    outcome: str = ComplaintOutcome.PENDING,
    decided_on: dt.date | None = None,
    case: Case | None = None,
    request: HttpRequest | None = None,
) -> Complaint:
    """Correct a complaint, record its outcome, or link it to the case it became."""
    _require_keeper(by, complaint.organisation_id)
    if not access.can_change_complaint(by, complaint):  # linked to a case they may not see
        raise PermissionDenied
    with transaction.atomic():
        _save_complaint(
            complaint,
            by=by,
            received_on=received_on,
            kind=kind,
            external=external,
            committee=committee,
            description=description,
            outcome=outcome,
            decided_on=decided_on,
            case=case,
        )
        audit_log(
            action="complaints.complaint_changed",
            actor=by,
            target=complaint,
            request=request,
            details={"case_id": complaint.case_id, "outcome": complaint.outcome},
        )
    return complaint


def _save_incident(
    incident: Incident, *, date: dt.date, kind: str, description: str, action: str, action_text: str
) -> Incident:
    _refuse_destroyed(incident)
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    incident.date = date
    incident.kind = kind
    incident.description = description.strip()
    incident.action = action
    incident.action_text = action_text.strip()
    incident.full_clean()
    incident.save()
    return incident


def incident_record(
    *,
    organisation: Organisation,
    by: User,
    date: dt.date,
    kind: str,
    description: str,
    action: str,
    action_text: str = "",
    request: HttpRequest | None = None,
) -> Incident:
    """Record an integrity incident and the action taken."""
    _require_keeper(by, organisation.pk)
    with transaction.atomic():
        incident = _save_incident(
            Incident(organisation=organisation),
            date=date,
            kind=kind,
            description=description,
            action=action,
            action_text=action_text,
        )
        audit_log(action="complaints.incident_recorded", actor=by, target=incident, request=request)
    return incident


def incident_update(
    *,
    incident: Incident,
    by: User,
    date: dt.date,
    kind: str,
    description: str,
    action: str,
    action_text: str = "",
    request: HttpRequest | None = None,
) -> Incident:
    _require_keeper(by, incident.organisation_id)
    with transaction.atomic():
        _save_incident(incident, date=date, kind=kind, description=description, action=action, action_text=action_text)
        audit_log(action="complaints.incident_changed", actor=by, target=incident, request=request)
    return incident
