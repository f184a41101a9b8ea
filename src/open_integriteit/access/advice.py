"""Access to the advice register: the coordinators of the organisation, nobody else."""

from __future__ import annotations

from typing import Any

from . import roles


def can_handle_advice(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user)
