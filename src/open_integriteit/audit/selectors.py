"""Reads of the audit trail: the auditor's view and the chain check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from open_integriteit.access.audit import can_read_audit_trail

from .models import AuditEvent


def audit_event_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[AuditEvent]:
    """Events of the user's organisation, for auditors only; anyone else gets 404."""
    if not can_read_audit_trail(user):
        raise Http404
    qs = AuditEvent.objects.filter(organisation_id=user.organisation_id)
    filters = filters or {}
    if filters.get("action"):
        qs = qs.filter(action__startswith=filters["action"])
    if filters.get("actor"):
        qs = qs.filter(actor_label=filters["actor"])
    if filters.get("object_id"):
        qs = qs.filter(object_id=filters["object_id"])
    if filters.get("date_from"):
        qs = qs.filter(timestamp__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(timestamp__date__lte=filters["date_to"])
    return qs.order_by("-sequence")


@dataclass
class ChainCheck:
    ok: bool
    checked: int
    broken_sequence: int | None = None
    broken_id: int | None = None
    reason: str = ""


def audit_chain_verify(*, batch_size: int = 2000) -> ChainCheck:
    """Walk the whole chain in order; report the first event that does not link or hash."""
    prev_hash = "0" * 64
    expected_sequence = 1
    checked = 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            return ChainCheck(False, checked, event.sequence, event.pk, f"sequence gap: expected {expected_sequence}")
        if event.prev_hash != prev_hash:
            return ChainCheck(False, checked, event.sequence, event.pk, "does not link to the previous event")
        if event.compute_hash() != event.hash:
            return ChainCheck(False, checked, event.sequence, event.pk, "content does not match its hash")
        prev_hash = event.hash
        expected_sequence += 1
        checked += 1
    return ChainCheck(True, checked)
