"""Access to the audit trail: the auditors, each for their own organisation only."""

from __future__ import annotations

from typing import Any

from . import roles


def can_read_audit_trail(user: Any) -> bool:
    return roles.is_auditor(user)
