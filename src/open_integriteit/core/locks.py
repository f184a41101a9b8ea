"""One run at a time across every application server and worker (e.g. retention).

- PostgreSQL: a session-level advisory lock. Every server shares the database, and the
  server releases the lock by itself when the holder's connection ends (a crashed worker
  never leaves a stale lock behind, which a Redis lock with a time-out could).
- SQLite (one machine): an exclusive ``flock`` on a file in OI_VAR_DIR/locks, released by
  the operating system when the holding process ends.

Usage::

    with held_once("retention") as acquired:
        if not acquired:
            return 0  # another server is running it
        ...
"""

from __future__ import annotations

import fcntl
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

NAME_RE = re.compile(r"^[a-z0-9_-]{1,64}$")


def _advisory_key(name: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(f"open_integriteit:{name}".encode(), digest_size=8).digest(), "big", signed=True
    )


@contextmanager
def held_once(name: str) -> Iterator[bool]:
    """Try to take the lock ``name`` without waiting; yields whether this process holds it."""
    if not NAME_RE.match(name):
        raise ValueError("lock names are short lower-case codes")
    if connection.vendor == "postgresql":
        key = _advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            acquired = bool(cursor.fetchone()[0])
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    directory = Path(settings.VAR_DIR) / "locks"
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"{name}.lock", "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
