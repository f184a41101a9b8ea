"""Access to the annual reports: the coordinators of the organisation write them; nobody
else opens a draft (not the administrator, not another organisation) — 404, never 403.
What is published is public (later: the public page beside the registers)."""

from __future__ import annotations

from typing import Any

from . import roles


def can_manage_annual_reports(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user)


def can_view_shared_service_overview(user: Any) -> bool:
    """The counts across the organisations a shared service serves: its coordinators only
    (not the served organisations' users, not its administrator)."""
    from open_integriteit.organisations.models import OrganisationKind

    return roles.is_coordinator(user) and user.organisation.kind == OrganisationKind.SHARED_SERVICE
