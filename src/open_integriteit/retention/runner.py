"""The daily retention job: every registered policy, every record whose period has ended.

Idempotent and resumable: each record is destroyed in its own transaction and is no longer
pending afterwards, so a second run changes nothing and an interrupted run is finished by
the next one (files of rows already gone first). One failing record does not stop the
others; the run reports the failures at the end, so the worker marks the job failed.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connection
from django.utils import timezone

from open_integriteit.encryption import storage

from . import registry
from .erase import purge_tombstones
from .periods import PeriodTable

logger = logging.getLogger(__name__)


class RetentionRunFailed(RuntimeError):
    pass


def run_retention(*, now: dt.datetime | None = None) -> int:
    """Destroy what is due at ``now``. Returns the number of records destroyed."""
    now = now or timezone.now()
    files_removed = purge_tombstones()
    months = PeriodTable()
    destroyed = 0
    failed: list[str] = []
    for policy in registry.policies():
        if policy.pending is None or policy.destroy is None:
            continue
        count = 0
        due = [item for item in policy.pending(months=months, user=None) if item.ends_at and item.ends_at <= now]
        for item in due:
            try:
                if policy.destroy(item.obj, now):
                    count += 1
            except Exception:
                # Codes and ids only: the log must not carry content either.
                logger.exception("retention: %s #%s could not be destroyed", policy.code, item.obj.pk)
                failed.append(f"{policy.code} #{item.obj.pk}")
        if count:
            logger.info("retention: %s: destroyed %d", policy.code, count)
        destroyed += count
    files_removed += purge_tombstones()
    if files_removed and not connection.in_atomic_block:
        # Files kept in the database: make the deleted ciphertext unrecoverable (ADR 0013).
        storage.compact()
    if destroyed:
        checkpoint()
    if failed:
        raise RetentionRunFailed("retention: not destroyed: " + ", ".join(failed))
    return destroyed


def checkpoint() -> None:
    """SQLite: move the write-ahead log into the database file and empty it, so old page
    versions (with ``secure_delete`` the file itself is overwritten) do not linger there."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # (Inside a transaction SQLite refuses the checkpoint, and it could not reach
        # uncommitted pages anyway.)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
