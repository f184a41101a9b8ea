"""Shared tables: rate counters, and the base of every claim-once reminder table."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RateCounter(models.Model):
    """One fixed-window counter (``core/ratelimit.py``). The bucket names a scope, a window
    and a subject; a client's subject is a keyed hash that cannot be turned back into an
    address (ADR 0004). Rows are purged once expired."""

    bucket = models.CharField(max_length=120, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)


class ReminderClaim(models.Model):
    """A reminder mail, claimed before it is sent (``core/reminders.py``).

    A concrete table adds what the reminder is about (a foreign key, a due date, a
    threshold) and a unique constraint over those fields and the recipient: that
    constraint is the claim. ``attempts`` counts deliveries started; a delivery that
    failed (``failed_at``) is tried once more, one whose outcome is unknown never.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
