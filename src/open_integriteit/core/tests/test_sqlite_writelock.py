"""SQLite writers queue on a file lock beside the database (``core/db/sqlite3``, ADR 0027):
held from the start of a write transaction to its commit, rollback or close; a savepoint
inside it takes nothing more; readers take nothing."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator

import pytest
from django.db import connection, transaction

from open_integriteit.audit.models import AuditEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the write lock is SQLite's"),
]


@pytest.fixture
def other() -> Iterator[int]:
    """A second open file of the lock, as another process or thread would hold it."""
    path = connection._write_lock_path()  # type: ignore[attr-defined]
    assert path is not None and path.endswith(".writelock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    yield fd
    os.close(fd)


def locked(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    fcntl.flock(fd, fcntl.LOCK_UN)
    return False


def test_a_write_transaction_holds_the_lock_until_commit(other):
    assert not locked(other)
    with transaction.atomic():
        assert locked(other)
        with transaction.atomic():  # a savepoint: the same lock, nothing more
            assert locked(other)
        assert locked(other)
    assert not locked(other)


def test_a_rolled_back_or_closed_transaction_frees_the_lock(other):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert locked(other)
        raise ZeroDivisionError
    assert not locked(other)
    # A connection closed while it holds the lock (a worker shutting down) frees it.
    connection.ensure_connection()
    connection._acquire_write_lock()  # type: ignore[attr-defined]
    assert locked(other)
    connection.close()
    assert not locked(other)


def test_reading_takes_no_lock(other):
    assert AuditEvent.objects.count() >= 0
    assert not locked(other)
