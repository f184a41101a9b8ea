"""Who sees what will be destroyed when, and sets the retention periods (ADR 0008): the
reporting point of the organisation. What each policy lists comes from its own app's
selectors, so a coordinator implicated in a case does not see it there either."""

from __future__ import annotations

from typing import Any

from . import roles


def can_manage_retention(user: Any, organisation_id: int | None) -> bool:
    return roles.in_organisation(user, organisation_id) and roles.is_coordinator(user)
