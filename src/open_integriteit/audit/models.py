"""The audit trail: append-only and chained with keyed hashes (ADR 0005).

Rows hold primitives only — codes, ids, timestamps — never report content.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import chain


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit trail is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit trail is append-only.")


class Channel(models.TextChoices):
    STAFF = "staff", _("Staff")
    REPORTER = "reporter", _("Reporter")
    SYSTEM = "system", _("System")


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(unique=True)
    timestamp = models.DateTimeField(db_index=True)
    organisation_id = models.BigIntegerField(null=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, db_index=True)
    actor_label = models.CharField(max_length=150, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    # The audit key the hash is an HMAC under; empty for events from before the chain was keyed.
    key_id = models.CharField(max_length=32, blank=True, default="")
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit trail is append-only.")

    def compute_hash(self) -> str:
        """Raises ``chain.UnknownAuditKey`` when the event's key is not configured."""
        return chain.event_hash(chain.event_fields(self), key_id=self.key_id)


class ChainHead(models.Model):
    """One row: the newest link. Locked while an event is appended, so links never fork.

    ``mac`` signs (last_sequence, last_hash) with the audit key ``key_id``: without the key
    nobody can move the head back to hide events removed from the end.
    """

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=chain.GENESIS_HASH)
    key_id = models.CharField(max_length=32, blank=True, default="")
    mac = models.CharField(max_length=64, blank=True, default="")

    def sign(self) -> None:
        self.key_id = chain.active_key()[0]
        self.mac = chain.head_mac(key_id=self.key_id, sequence=self.last_sequence, last_hash=self.last_hash)
