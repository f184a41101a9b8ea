"""Access to complaints and integrity incidents.

Complaints about unwanted behaviour name complainants and the people complained about:
only the integrity coordinator of the organisation keeps and reads them (the reporting point
also keeps reports and cases, which complaints can become). Incidents are kept by the same
coordinator. Not the confidential adviser (who supports complainants, independently of the
registration), not managers, not the auditor, never the administrator (ADR 0003), never
another organisation.

A complaint may be linked only to a case the coordinator sees (``access.cases``): of their
own organisation, and not one they are implicated in.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from open_integriteit.cases.models import Case
from open_integriteit.cases.workflow import State
from open_integriteit.complaints.models import Complaint

from . import cases, roles


def can_keep_complaints(user: Any, organisation_id: int | None = None) -> bool:
    """See and record complaints and incidents (of ``organisation_id`` if given)."""
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user)


def complaints_visible_to(user: Any) -> QuerySet[Complaint]:
    """The complaints the user may read and change: of their organisation, and not linked to a
    case they may not see (a coordinator implicated in that case is kept out of its complaint
    as of the case itself)."""
    if not can_keep_complaints(user):
        return Complaint.objects.none()
    visible_cases = cases.cases_visible_to(user).values("pk")
    return Complaint.objects.filter(organisation_id=user.organisation_id).filter(
        Q(case__isnull=True) | Q(case__in=visible_cases)
    )


def can_change_complaint(user: Any, complaint: Complaint) -> bool:
    return complaints_visible_to(user).filter(pk=complaint.pk).exists()


def linkable_cases(user: Any) -> QuerySet[Case]:
    """The cases a complaint of the user's organisation may be linked to."""
    if not can_keep_complaints(user):
        return Case.objects.none()
    return cases.cases_visible_to(user).exclude(state=State.DESTROYED)


def can_link_case(user: Any, case: Case) -> bool:
    return linkable_cases(user).filter(pk=case.pk).exists()
