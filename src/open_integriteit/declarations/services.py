"""Writes on declarations. Keep this module's surface small: every change of state goes
through ``declaration_transition``, which asks the transition table
(``declarations.workflow``) and ``access.declarations`` who may make it, records the event
with its reason and writes the audit event (codes and ids only).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import declarations as access
from open_integriteit.audit.services import audit_log

from .models import Declaration, DeclarationEvent
from .workflow import State, allowed


def declaration_transition(
    *,
    declaration: Declaration,
    name: str,
    by: Any,
    reason: str = "",
    restriction: str = "",
    ends_on: dt.date | None = None,
    request: Any = None,
) -> Declaration:
    """Make the transition ``name`` of the table, as ``by``; refuse any other move."""
    with transaction.atomic():
        # Lock the row and read its current state: two deciders cannot both decide.
        current = Declaration.objects.select_for_update().get(pk=declaration.pk)
        transition = allowed(name, current.state, access.actors(by, current))
        if transition is None:
            raise PermissionDenied
        errors: dict[str, str] = {}
        if transition.needs_reason and not reason.strip():
            errors["reason"] = _("Give the reason for this decision.")
        if transition.needs_restriction and not restriction.strip():
            errors["restriction"] = _("Describe the restriction.")
        if transition.needs_end_date:
            if ends_on is None:
                errors["ends_on"] = _("Give the date it ended.")
            elif current.starts_on and ends_on < current.starts_on:
                errors["ends_on"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        source = current.state
        current.state = transition.target
        if transition.name == "submit":
            current.submitted_at = now
        if transition.target in (State.APPROVED, State.RESTRICTED, State.REFUSED):
            current.decided_at = now
            current.decided_by = by
            current.decision_reason = reason.strip()
            current.restriction = restriction.strip() if transition.needs_restriction else ""
        if transition.needs_end_date:
            current.ends_on = ends_on
        current.full_clean()
        current.save()
        DeclarationEvent.objects.create(
            declaration=current,
            transition=transition.name,
            from_state=source,
            to_state=transition.target,
            reason=reason.strip(),
            by=by,
            at=now,
        )
        audit_log(
            action="declarations.transition",
            actor=by,
            organisation_id=current.organisation_id,
            target=current,
            request=request,
            details={"transition": transition.name, "kind": current.kind, "from": source, "to": transition.target},
        )
    declaration.refresh_from_db()
    return declaration
