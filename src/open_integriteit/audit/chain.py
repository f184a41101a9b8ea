"""The keyed hash chain of the audit trail (ADR 0005): what is hashed, with which key.

Every event's ``hash`` is an HMAC-SHA256, under the audit key named by its ``key_id``, of
the canonical JSON of all its other fields. The chain head carries an HMAC of its own
(sequence and hash of the newest event) and the published head lines carry a third. Each
use has its own domain label, so one MAC can never stand in for another.

The key lives outside the database (``OI_AUDIT_KEY``), so someone who can only write to
the database cannot recompute a hash after changing, removing or inserting an event, nor
move the head back. Events written before the key existed (``key_id`` empty) keep their
plain SHA-256; they are sealed by the keyed events and the keyed head that follow them.

This module imports no models: migrations use it too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from open_integriteit.encryption.keyring import parse_keys

GENESIS_HASH = "0" * 64
EVENT_DOMAIN = b"oi-audit-event-v1\n"
HEAD_DOMAIN = b"oi-audit-head-v1\n"
PUBLISHED_DOMAIN = b"oi-audit-published-v1\n"
PUBLISHED_PREFIX = "OI-AUDIT-HEAD v1"
PUBLISHED_RE = re.compile(
    r"OI-AUDIT-HEAD v1 sequence=(?P<sequence>\d+) hash=(?P<hash>[0-9a-f]{64}) "
    r"at=(?P<at>\S+) key=(?P<key_id>[A-Za-z0-9_-]{1,32}) mac=(?P<mac>[0-9a-f]{64})"
)


class UnknownAuditKey(Exception):
    pass


def active_key() -> tuple[str, bytes]:
    """The key id and key new events and heads are signed with (``OI_AUDIT_KEY``)."""
    parsed = parse_keys(settings.OI_AUDIT_KEY, variable="OI_AUDIT_KEY")
    if len(parsed) != 1:
        raise ImproperlyConfigured(
            "OI_AUDIT_KEY must hold exactly one key written as id:base64key (32 bytes): run `make run` once or set it."
        )
    return next(iter(parsed.items()))


def known_keys() -> dict[str, bytes]:
    """The active key and the previous ones (``OI_AUDIT_PREVIOUS_KEYS``), by key id."""
    key_id, key = active_key()
    previous = parse_keys(settings.OI_AUDIT_PREVIOUS_KEYS, variable="OI_AUDIT_PREVIOUS_KEYS")
    if key_id in previous and previous[key_id] != key:
        raise ImproperlyConfigured(f"OI_AUDIT_PREVIOUS_KEYS: key id {key_id} is also the id of OI_AUDIT_KEY")
    return {**previous, key_id: key}


def _key(key_id: str) -> bytes:
    try:
        return known_keys()[key_id]
    except KeyError:
        raise UnknownAuditKey(
            f"signed with audit key {key_id!r}, which is neither OI_AUDIT_KEY nor in OI_AUDIT_PREVIOUS_KEYS"
        )


def _mac(key_id: str, domain: bytes, message: str) -> str:
    return hmac.new(_key(key_id), domain + message.encode("ascii"), hashlib.sha256).hexdigest()


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def event_fields(event: Any) -> dict[str, Any]:
    """Every stored field of an event that its hash covers (all but ``hash`` and ``key_id``)."""
    return {
        "prev_hash": event.prev_hash,
        "sequence": event.sequence,
        "timestamp": event.timestamp.isoformat(timespec="microseconds"),
        "organisation_id": event.organisation_id,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "channel": event.channel,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "ip_address": event.ip_address,
        "details": event.details,
    }


def event_hash(fields: dict[str, Any], *, key_id: str) -> str:
    """The hash of an event's fields: keyed (HMAC) unless ``key_id`` is empty (a legacy event).

    ``fields`` come from ``event_fields``; the key id is hashed too.
    """
    if not key_id:
        return hashlib.sha256(canonical(fields)).hexdigest()
    return hmac.new(_key(key_id), EVENT_DOMAIN + canonical({**fields, "key_id": key_id}), hashlib.sha256).hexdigest()


def head_mac(*, key_id: str, sequence: int, last_hash: str) -> str:
    return _mac(key_id, HEAD_DOMAIN, f"{sequence}:{last_hash}")


def macs_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii"), b.encode("ascii"))


@dataclass(frozen=True)
class PublishedHead:
    sequence: int
    hash: str
    at: str
    key_id: str
    mac: str

    def line(self) -> str:
        return (
            f"{PUBLISHED_PREFIX} sequence={self.sequence} hash={self.hash} at={self.at} "
            f"key={self.key_id} mac={self.mac}"
        )


def _published_message(sequence: int, last_hash: str, at: str) -> str:
    return f"{sequence}:{last_hash}:{at}"


def publish_head(*, sequence: int, last_hash: str, at: dt.datetime) -> PublishedHead:
    """A signed line naming the newest event, to keep outside the database."""
    key_id, _key_bytes = active_key()
    stamp = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    mac = _mac(key_id, PUBLISHED_DOMAIN, _published_message(sequence, last_hash, stamp))
    return PublishedHead(sequence, last_hash, stamp, key_id, mac)


def parse_published(line: str) -> PublishedHead:
    """Read a published head line (it may sit inside a longer log line) and check its MAC.

    Raises ValueError when the line is not one, or its MAC does not match.
    """
    match = PUBLISHED_RE.search(line)
    if match is None:
        raise ValueError("not a published head line (OI-AUDIT-HEAD v1 sequence=… hash=… at=… key=… mac=…)")
    head = PublishedHead(int(match["sequence"]), match["hash"], match["at"], match["key_id"], match["mac"])
    try:
        expected = _mac(head.key_id, PUBLISHED_DOMAIN, _published_message(head.sequence, head.hash, head.at))
    except UnknownAuditKey as exc:
        raise ValueError(str(exc))
    if not macs_equal(expected, head.mac):
        raise ValueError(f"the signature of the published head #{head.sequence} does not match: not our line")
    return head
