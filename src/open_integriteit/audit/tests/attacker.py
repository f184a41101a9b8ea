"""What someone with write access to the database (but not the audit key) can do.

Raw SQL past the ORM, with the table's triggers dropped or disabled first, as the owner of
the database can. Used by the tests that prove ``verify_audit`` notices.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.db import connection

from open_integriteit.audit import chain
from open_integriteit.audit.models import AuditEvent

COLUMNS = [
    "sequence",
    "timestamp",
    "organisation_id",
    "actor_id",
    "actor_label",
    "channel",
    "action",
    "object_type",
    "object_id",
    "ip_address",
    "details",
    "prev_hash",
    "key_id",
    "hash",
]
ATTACKER_KEY = b"a guess at the audit key, 32 b.."


def disable_guards() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete")
        else:
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")


def sql(statement: str, params: list[Any] | None = None) -> None:
    disable_guards()
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def head_row() -> tuple[int, str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_sequence, last_hash, key_id, mac FROM audit_chainhead WHERE id = 1")
        return cursor.fetchone()


def set_head(sequence: int, last_hash: str, mac: str | None = None) -> None:
    """Move the chain head; the signature stays as it was unless the attacker forges one."""
    if mac is None:
        sql("UPDATE audit_chainhead SET last_sequence = %s, last_hash = %s WHERE id = 1", [sequence, last_hash])
    else:
        sql(
            "UPDATE audit_chainhead SET last_sequence = %s, last_hash = %s, mac = %s WHERE id = 1",
            [sequence, last_hash, mac],
        )


def forged_hash(fields: dict[str, Any], key_id: str, key: bytes | None) -> str:
    """The hash as the attacker computes it: plain SHA-256 (the old, unkeyed scheme) or an
    HMAC under a key of their own."""
    if key is None:
        return hashlib.sha256(chain.canonical(fields)).hexdigest()
    return hmac.new(key, chain.EVENT_DOMAIN + chain.canonical({**fields, "key_id": key_id}), hashlib.sha256).hexdigest()


def forged_head_mac(sequence: int, last_hash: str, key: bytes | None) -> str:
    if key is None:
        return ""
    return hmac.new(key, chain.HEAD_DOMAIN + f"{sequence}:{last_hash}".encode(), hashlib.sha256).hexdigest()


def rewrite_chain(*, start: int, drop_first: bool, key: bytes | None, key_id: str = "") -> int:
    """Delete the events from ``start`` on and insert them again, renumbered and re-linked,
    with hashes recomputed the attacker's way (``drop_first`` leaves out event ``start``:
    removing one event from the middle). Moves the head along. Returns the new last sequence."""
    events = list(AuditEvent.objects.filter(sequence__gte=start).order_by("sequence"))
    if drop_first:
        events = events[1:]
    previous = AuditEvent.objects.filter(sequence=start - 1).first()
    prev_hash = previous.hash if previous is not None else chain.GENESIS_HASH
    sql("DELETE FROM audit_auditevent WHERE sequence >= %s", [start])
    sequence = start - 1
    with connection.cursor() as cursor:
        for event in events:
            sequence += 1
            event.sequence, event.prev_hash, event.key_id = sequence, prev_hash, key_id
            event.hash = forged_hash(chain.event_fields(event), key_id, key)
            values = [getattr(event, column) for column in COLUMNS]
            values[COLUMNS.index("details")] = json.dumps(event.details)
            values[COLUMNS.index("timestamp")] = connection.ops.adapt_datetimefield_value(event.timestamp)
            placeholders = ", ".join(["%s"] * len(COLUMNS))
            cursor.execute(f"INSERT INTO audit_auditevent ({', '.join(COLUMNS)}) VALUES ({placeholders})", values)
            prev_hash = event.hash
    set_head(sequence, prev_hash, forged_head_mac(sequence, prev_hash, key))
    return sequence
