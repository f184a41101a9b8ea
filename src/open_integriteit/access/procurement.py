"""Access to the procurement deviations and the Bibob checks.

Recording them is bookkeeping of the organisation's own decisions, not report content: the
integrity coordinator (who reports on them) and the register clerk (who keeps the
organisation's registers) record and read them, each of their own organisation. Nobody else:
not managers, not the auditor (who reads the audit trail only), not the administrator
(ADR 0003: an administrator's other roles never count, ``roles``).
"""

from __future__ import annotations

from typing import Any

from open_integriteit.accounts.models import Role

from . import roles

KEEPERS = (Role.COORDINATOR, Role.REGISTER_CLERK)


def can_keep_procurement(user: Any, organisation_id: int | None = None) -> bool:
    """See and record deviations and Bibob checks (of ``organisation_id`` if given)."""
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.holds(user, *KEEPERS)
