"""SQLite whose writers are queued by the operating system, not by SQLite's busy handler (ADR 0027).

Every write transaction begins with ``BEGIN IMMEDIATE`` (ADR 0002): one writer at a time. A
writer that finds the database locked is put to sleep by SQLite's busy handler in growing
steps (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms). Our write transactions last a few
milliseconds, so a waiter mostly sleeps on long after the lock came free: that sleep was the
tail of ``make bench`` (p95 around 150 ms).

Here a transaction first takes an exclusive ``flock`` on a file beside the database
(``<name>.writelock``); the kernel wakes the next waiter the moment the lock is released at
commit, rollback or close, and only then is ``BEGIN IMMEDIATE`` sent, which now finds the
database free. Every process of the product (web servers, worker, management commands) opens
the database through this backend, so they all queue here; anything else that writes to the
file still meets SQLite's own busy timeout. Readers (WAL) take no lock at all.

A waiter waits as long as the transaction before it lasts, not at most the busy timeout: a
long write (an HR import) makes others wait instead of fail with "database is locked". The
kernel releases the lock of a process that dies. An in-memory database has no file and takes
no lock.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._write_lock_fd: int | None = None
        self._write_lock_held = False

    def _write_lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"] or "")
        if not name or name == ":memory:" or name.startswith("file:"):
            return None
        return f"{name}.writelock"

    def _acquire_write_lock(self) -> None:
        path = self._write_lock_path()
        if path is None or self._write_lock_held:
            return
        if self._write_lock_fd is None:
            self._write_lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._write_lock_fd, fcntl.LOCK_EX)
        self._write_lock_held = True

    def _release_write_lock(self) -> None:
        if self._write_lock_held and self._write_lock_fd is not None:
            fcntl.flock(self._write_lock_fd, fcntl.LOCK_UN)
        self._write_lock_held = False

    def _start_transaction_under_autocommit(self) -> None:
        self._acquire_write_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._release_write_lock()
            if self._write_lock_fd is not None:
                os.close(self._write_lock_fd)
                self._write_lock_fd = None
