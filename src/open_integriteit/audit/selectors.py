"""Reads of the audit trail: the auditor's view and the chain check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.http import Http404

from open_integriteit.access.audit import audit_object_url, can_read_audit_trail

from . import actions, chain
from .models import AuditEvent, ChainHead


def audit_event_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[AuditEvent]:
    """Events of the user's organisation, for auditors only; anyone else gets 404."""
    if not can_read_audit_trail(user):
        raise Http404
    qs = AuditEvent.objects.filter(organisation_id=user.organisation_id)
    filters = filters or {}
    action = filters.get("action")
    if action:
        # A registered code, or "<group>." for every code of a group (see actions.action_choices).
        qs = qs.filter(action__startswith=action) if action.endswith(".") else qs.filter(action=action)
    if filters.get("actor"):
        qs = qs.filter(actor_label=filters["actor"])
    if filters.get("object_id"):
        qs = qs.filter(object_id=filters["object_id"])
    if filters.get("date_from"):
        qs = qs.filter(timestamp__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(timestamp__date__lte=filters["date_to"])
    return qs.order_by("-sequence")


@dataclass(frozen=True)
class EventRow:
    """An event as the auditor reads it: labels and references instead of codes and ids."""

    event: AuditEvent
    label: str
    actor: str
    object_text: str
    object_url: str | None


def _model(object_type: str) -> type[Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _reference(obj: Model) -> str:
    """A human reference that holds no content: a report's or case's reference, a person's
    full name, or the kind of object with the reference of its case or report."""
    reference = getattr(obj, "reference", None)
    if isinstance(reference, str) and reference:
        return reference
    if isinstance(obj, get_user_model()):
        return obj.get_full_name() or obj.get_username()
    kind = str(obj._meta.verbose_name)
    for parent_name in ("case", "report"):
        field = next((f for f in obj._meta.fields if f.name == parent_name), None)
        if field is not None and getattr(obj, field.attname) is not None:
            parent = getattr(obj, parent_name)
            return f"{kind} · {getattr(parent, 'reference', parent.pk)}"
    return f"{kind} {obj.pk}"


def audit_event_rows(*, user: Any, events: Sequence[AuditEvent]) -> list[EventRow]:
    """Rows for a page of events: the registered label, the actor's full name and a human
    reference for the object, with a link where the user may open it (``access.audit``)."""
    if not can_read_audit_trail(user):
        raise Http404
    wanted: dict[str, set[str]] = {}
    for event in events:
        if event.object_type and event.object_id:
            wanted.setdefault(event.object_type, set()).add(event.object_id)
    found: dict[tuple[str, str], Model] = {}
    for object_type, ids in wanted.items():
        model = _model(object_type)
        if model is None:
            continue
        numeric = [int(i) for i in ids if i.isdigit()]
        for pk, obj in model._default_manager.in_bulk(numeric).items():
            found[(object_type, str(pk))] = obj
    user_model = get_user_model()
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    actors = {
        pk: u.get_full_name() or u.get_username() for pk, u in user_model._default_manager.in_bulk(actor_ids).items()
    }
    rows = []
    for event in events:
        named = found.get((event.object_type, event.object_id))
        if named is not None:
            object_text, url = _reference(named), audit_object_url(user, named)
        elif event.object_type:
            kind_model = _model(event.object_type)
            kind = str(kind_model._meta.verbose_name) if kind_model is not None else event.object_type
            object_text, url = f"{kind} {event.object_id}", None
        else:
            object_text, url = "", None
        rows.append(
            EventRow(
                event=event,
                label=actions.action_label(event.action, event.details),
                actor=actors.get(event.actor_id, event.actor_label) if event.actor_id else event.actor_label,
                object_text=object_text,
                object_url=url,
            )
        )
    return rows


@dataclass
class ChainCheck:
    ok: bool
    checked: int
    broken_sequence: int | None = None
    broken_id: int | None = None
    reason: str = ""
    head_sequence: int = 0
    head_hash: str = chain.GENESIS_HASH
    published_checked: list[int] = field(default_factory=list)


def _published_heads(lines: Sequence[str]) -> dict[int, chain.PublishedHead] | str:
    heads: dict[int, chain.PublishedHead] = {}
    for line in lines:
        try:
            head = chain.parse_published(line)
        except ValueError as exc:
            return f"published head line refused: {exc}"
        heads[head.sequence] = head
    return heads


def audit_chain_verify(*, published: Sequence[str] = (), batch_size: int = 2000) -> ChainCheck:
    """Walk the whole chain in order; report the first event that does not link or hash,
    then check the signed chain head against the last event, then each published head line
    (``chain.publish_head``) against the event it names.

    Unkeyed events (from before the chain was keyed) are accepted only before the first
    keyed event. Reads the whole table; for the command line and the daily check only.
    """
    heads = _published_heads(published)
    if isinstance(heads, str):
        return ChainCheck(False, 0, reason=heads)
    prev_hash = chain.GENESIS_HASH
    expected_sequence = 1
    checked = 0
    keyed = False
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        reason = _event_problem(event, expected_sequence, prev_hash, keyed, heads.get(event.sequence))
        if reason:
            return ChainCheck(False, checked, event.sequence, event.pk, reason)
        keyed = keyed or bool(event.key_id)
        prev_hash = event.hash
        expected_sequence += 1
        checked += 1
    result = ChainCheck(True, checked, head_sequence=checked, head_hash=prev_hash)
    reason = _head_problem(checked, prev_hash)
    if reason:
        result.ok, result.reason = False, reason
        return result
    for sequence, published_head in sorted(heads.items()):
        if sequence > checked:
            result.ok = False
            result.reason = (
                f"the head published at {published_head.at} names event #{sequence}, but the chain ends at "
                f"#{checked}: events were removed"
            )
            return result
        result.published_checked.append(sequence)
    return result


def _event_problem(
    event: AuditEvent,
    expected_sequence: int,
    prev_hash: str,
    keyed: bool,
    published_head: chain.PublishedHead | None,
) -> str:
    """Why an event breaks the chain, or "" when it links and hashes."""
    if event.sequence != expected_sequence:
        return f"sequence gap: expected {expected_sequence}"
    if event.prev_hash != prev_hash:
        return "does not link to the previous event"
    if keyed and not event.key_id:
        return "unkeyed event after the chain was keyed"
    try:
        if not chain.macs_equal(event.compute_hash(), event.hash):
            return "content does not match its hash"
    except chain.UnknownAuditKey as exc:
        return str(exc)
    if published_head is not None and not chain.macs_equal(published_head.hash, event.hash):
        return f"differs from the head published at {published_head.at}: the chain was rewritten"
    return ""


def _head_problem(last_sequence: int, last_hash: str) -> str:
    """Why the signed chain head does not match the last event, or "" when it does."""
    head = ChainHead.objects.filter(pk=1).first()
    if head is None:
        return "" if last_sequence == 0 else "the chain head is missing"
    try:
        signed = bool(head.mac) and chain.macs_equal(
            chain.head_mac(key_id=head.key_id, sequence=head.last_sequence, last_hash=head.last_hash), head.mac
        )
    except chain.UnknownAuditKey as exc:
        return f"chain head: {exc}"
    if not signed:
        return "the chain head's signature does not match: it was changed without the audit key"
    if head.last_sequence != last_sequence or not chain.macs_equal(head.last_hash, last_hash):
        return (
            f"the chain head names event #{head.last_sequence} but the chain ends at #{last_sequence} "
            "(events were removed or added)"
            if head.last_sequence != last_sequence
            else f"the chain head's hash differs from that of the last event #{last_sequence}"
        )
    return ""


def audit_chain_head() -> tuple[int, str, str]:
    """Sequence and hash of the newest event, and why the signed head does not match them
    ("" when it does). Cheap: reads the head and the last event only."""
    last = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
    sequence, last_hash = (last.sequence, last.hash) if last is not None else (0, chain.GENESIS_HASH)
    return sequence, last_hash, _head_problem(sequence, last_hash)
