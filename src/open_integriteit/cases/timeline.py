"""Readable labels for the case timeline, built from the (content-free) audit trail.

The labels live in the registry of audit actions (``cases/audit_actions.py`` and the other
apps' ``audit_actions.py``), shared with the auditor's view.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from open_integriteit.audit.actions import action_label


def label_events(events: Iterable[Any]) -> list[Any]:
    labelled = []
    for event in events:
        event.label = action_label(event.action, event.details)
        labelled.append(event)
    return labelled
