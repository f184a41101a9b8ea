"""Reads of complaints and incidents: 404 for anyone who may not keep them
(``access.complaints``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from open_integriteit.access import complaints as access
from open_integriteit.audit.services import audit_log
from open_integriteit.cases.models import Case
from open_integriteit.figures.registry import year_bounds

from .models import Complaint, Incident


def require_keeper(*, user: Any) -> None:
    if not access.can_keep_complaints(user):
        raise Http404


def complaints_for_user(*, user: Any, year: int) -> QuerySet[Complaint]:
    require_keeper(user=user)
    start, end = year_bounds(year)
    return access.complaints_visible_to(user).filter(received_on__gte=start, received_on__lt=end).select_related("case")


def complaint_get_for_user(*, user: Any, pk: int, request: HttpRequest | None = None) -> Complaint:
    """One complaint; opening it (a GET with ``request``) is audited: its texts are personal."""
    require_keeper(user=user)
    complaint = access.complaints_visible_to(user).filter(pk=pk).select_related("case").first()
    if complaint is None:
        raise Http404
    if request is not None and request.method == "GET":
        audit_log(action="complaints.complaint_viewed", actor=user, target=complaint, request=request)
    return complaint


def incidents_for_user(*, user: Any, year: int) -> QuerySet[Incident]:
    require_keeper(user=user)
    start, end = year_bounds(year)
    return Incident.objects.filter(organisation_id=user.organisation_id, date__gte=start, date__lt=end)


def incident_get_for_user(*, user: Any, pk: int, request: HttpRequest | None = None) -> Incident:
    """One incident; opening it (a GET with ``request``) is audited like a complaint."""
    require_keeper(user=user)
    incident = Incident.objects.filter(organisation_id=user.organisation_id, pk=pk).first()
    if incident is None:
        raise Http404
    if request is not None and request.method == "GET":
        audit_log(action="complaints.incident_viewed", actor=user, target=incident, request=request)
    return incident


def linkable_cases_for_user(*, user: Any) -> QuerySet[Case]:
    return access.linkable_cases(user).order_by("-created_at", "-pk")


def years_for_user(*, user: Any) -> list[int]:
    require_keeper(user=user)
    org = user.organisation_id
    years = {d.year for d in Complaint.objects.filter(organisation_id=org).dates("received_on", "year")}
    years |= {d.year for d in Incident.objects.filter(organisation_id=org).dates("date", "year")}
    return sorted(years)


def current_year() -> int:
    return timezone.localdate().year
