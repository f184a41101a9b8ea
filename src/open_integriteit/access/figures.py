"""Access to the statistics overview ("Cijfers") and the earlier years' entered totals.

The coordinator of the organisation reads every figure of a year and enters, changes and
removes the totals of years before the system. Nobody else: the breakdowns count people
per group, topic or unit, and a small cell can point at a person (``Spec.identifying``),
so the auditor reads the figures in the adopted annual report rather than here; the
administrator never sees content (ADR 0003); another organisation gets 404.
"""

from __future__ import annotations

from typing import Any

from . import roles


def can_read_figures(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user)


def can_enter_totals(user: Any, organisation_id: int | None = None) -> bool:
    return can_read_figures(user, organisation_id)
