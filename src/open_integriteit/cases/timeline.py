"""Readable labels for the case timeline, built from the (content-free) audit trail.

The labels live in the registry of audit actions (``cases/audit_actions.py`` and the other
apps' ``audit_actions.py``), shared with the auditor's view. The timeline tells what
changed; reads (a page viewed, a document downloaded or exported) are shown only on request.
People are named as everywhere else on the staff pages: by full name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from open_integriteit.accounts.models import User
from open_integriteit.audit.actions import action_label

# What an audit code ends in when it records that someone looked, not that something changed.
READ_SUFFIXES = (".viewed", ".downloaded", ".exported")


def is_read(action: str) -> bool:
    return action.endswith(READ_SUFFIXES)


def label_events(events: Iterable[Any], *, reads: bool = False) -> tuple[list[Any], int]:
    """The events to show (reads only when ``reads``), labelled and with the actor's full
    name as ``event.actor_name``; and how many reads were left out."""
    shown = []
    hidden = 0
    for event in events:
        if not reads and is_read(event.action):
            hidden += 1
            continue
        event.label = action_label(event.action, event.details)
        shown.append(event)
    names = {
        user.pk: str(user) for user in User.objects.filter(pk__in={e.actor_id for e in shown if e.actor_id is not None})
    }
    for event in shown:
        # A removed account keeps the name the trail recorded.
        event.actor_name = names.get(event.actor_id, event.actor_label)
    return shown, hidden
