"""Writing to the audit trail. Keep it small: one way in, ``audit_log``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction

from . import actions, chain
from .models import AuditEvent, ChainHead, Channel

if TYPE_CHECKING:
    from django.http import HttpRequest

Primitive = str | int | bool | None
MAX_DETAIL_LENGTH = 120


def _check_details(details: dict[str, Primitive]) -> None:
    for key, value in details.items():
        if not isinstance(key, str) or not (value is None or isinstance(value, (str, int, bool))):
            raise TypeError(f"audit detail {key!r} must be a primitive, got {type(value).__name__}")
        if isinstance(value, str) and len(value) > MAX_DETAIL_LENGTH:
            raise ValueError(f"audit detail {key!r} is too long: the audit trail holds codes, not content")


def audit_log(
    *,
    action: str,
    channel: str = Channel.STAFF,
    actor: Any = None,
    organisation_id: int | None = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Primitive] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    ``action`` is a code registered in an app's ``audit_actions.py``; under DEBUG and in
    the tests an unregistered code is refused (in production it is still written).

    ``request`` is used for the staff IP address only; reporter-channel events never
    record an address.
    """
    if not actions.is_registered(action) and (settings.DEBUG or settings.OI_AUDIT_REFUSE_UNREGISTERED):
        raise ValueError(f"audit action {action!r} has no label: register it in the app's audit_actions.py")
    details = details or {}
    _check_details(details)
    ip_address = None
    if request is not None and channel == Channel.STAFF:
        from open_integriteit.core.client import client_address

        ip_address = client_address(request) or None
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    actor_label = actor.get_username() if actor_id is not None else ""
    if organisation_id is None:
        organisation_id = getattr(target, "organisation_id", None) or getattr(actor, "organisation_id", None)
    key_id, _key = chain.active_key()
    # No savepoint of its own (two statements less per audited write): an error here
    # leaves the caller's transaction unable to commit, so nothing is written unaudited.
    with transaction.atomic(savepoint=False):
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            timestamp=dt.datetime.now(tz=dt.UTC),
            organisation_id=organisation_id,
            actor_id=actor_id,
            actor_label=actor_label,
            channel=channel,
            action=action,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            ip_address=ip_address,
            details=details,
            prev_hash=head.last_hash,
            key_id=key_id,
        )
        event.hash = event.compute_hash()
        event.save()
        head.last_sequence = event.sequence
        head.last_hash = event.hash
        head.sign()
        ChainHead.objects.filter(pk=head.pk).update(
            last_sequence=head.last_sequence, last_hash=head.last_hash, key_id=head.key_id, mac=head.mac
        )
    return event
