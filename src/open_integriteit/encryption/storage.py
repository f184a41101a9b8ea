"""Encrypted file storage for attachments and documents (ADR 0003, ADR 0013).

Files get random names (``ab/cd/<32 hex>.bin``); their content is AES-GCM encrypted with
the associated data ``file:<name>`` before it leaves the application, so the storage never
sees plaintext or original file names, and a file cannot be swapped for another.

Where the ciphertext lives is configuration (``OI_FILE_STORAGE``):

- ``filesystem`` (default, one machine): files under ``OI_FILE_ROOT``;
- ``database``: a table of blobs in the application's own database, so that several
  application servers share the files and one database backup holds them. Writes happen
  in the caller's transaction: a rolled-back write leaves no file behind.

Keep this API small; it is all the rest of the product uses.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from . import keyring

NAME_RE = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\.bin$")
BACKENDS = ("filesystem", "database")
# How long compact() waits for transactions that may still see deleted blobs (PostgreSQL).
COMPACT_WAIT_SECONDS = 300.0
COMPACT_LOCK_TIMEOUT = "2s"
logger = logging.getLogger(__name__)


class StoredFileMissing(FileNotFoundError):
    """No stored file has this name."""


def _checked(name: str) -> str:
    if not NAME_RE.match(name):
        raise ValueError("bad stored file name")
    return name


class Backend(Protocol):
    def write(self, name: str, blob: bytes) -> None: ...
    def read(self, name: str) -> bytes: ...
    def delete(self, name: str) -> None: ...
    def names(self) -> Iterator[str]: ...
    def compact(self, *, wait_seconds: float = ...) -> bool: ...


class FilesystemBackend:
    """Files under OI_FILE_ROOT, written atomically (temporary file, fsync, rename)."""

    @staticmethod
    def _path(name: str) -> Path:
        return Path(settings.OI_FILE_ROOT) / _checked(name)

    @staticmethod
    def _private_dirs(directory: Path) -> None:
        """Create the storage directories readable by this user only (0700), whatever the umask."""
        root = Path(settings.OI_FILE_ROOT)
        missing = [d for d in (directory, *directory.parents) if not d.exists() and (d == root or root in d.parents)]
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        for created in missing:
            os.chmod(created, 0o700)

    def write(self, name: str, blob: bytes) -> None:
        path = self._path(name)
        self._private_dirs(path.parent)
        tmp = path.with_suffix(".tmp")
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)

    def read(self, name: str) -> bytes:
        try:
            with open(self._path(name), "rb") as handle:
                return handle.read()
        except FileNotFoundError as exc:
            raise StoredFileMissing(name) from exc

    def delete(self, name: str) -> None:
        """Overwrite first, so the ciphertext is not left in the file's disk blocks."""
        path = self._path(name)
        if path.exists():
            size = path.stat().st_size
            with open(path, "r+b") as handle:
                handle.write(b"\0" * size)
                handle.flush()
                os.fsync(handle.fileno())
            path.unlink()

    def names(self) -> Iterator[str]:
        root = Path(settings.OI_FILE_ROOT)
        for path in sorted(root.glob("*/*/*.bin")):
            name = path.relative_to(root).as_posix()
            if NAME_RE.match(name):
                yield name

    def compact(self, *, wait_seconds: float = COMPACT_WAIT_SECONDS) -> bool:
        """Nothing to do: a deleted file was overwritten and unlinked."""
        return True


class DatabaseBackend:
    """Blobs in the ``encryption_storedblob`` table, in the caller's transaction."""

    def write(self, name: str, blob: bytes) -> None:
        from .models import StoredBlob

        _checked(name)
        if not StoredBlob.objects.filter(name=name).update(data=blob):
            StoredBlob.objects.create(name=name, data=blob)

    def read(self, name: str) -> bytes:
        from .models import StoredBlob

        data = StoredBlob.objects.filter(name=_checked(name)).values_list("data", flat=True).first()
        if data is None:
            raise StoredFileMissing(name)
        return bytes(data)

    def delete(self, name: str) -> None:
        from .models import StoredBlob

        StoredBlob.objects.filter(name=_checked(name)).delete()

    def names(self) -> Iterator[str]:
        from .models import StoredBlob

        yield from StoredBlob.objects.order_by("name").values_list("name", flat=True).iterator()

    def compact(self, *, wait_seconds: float = COMPACT_WAIT_SECONDS) -> bool:
        """Make deleted ciphertext unrecoverable from the database files, not only invisible.

        Returns whether that is done; False (and a warning in the log) when it could not be
        finished within ``wait_seconds``: the next compaction then removes the rest.

        PostgreSQL keeps the TOAST chunks of a deleted blob in its data files after a
        plain VACUUM, until the space is reused; VACUUM FULL rewrites the table without
        them (it locks the blob table while it runs, see ADR 0013). But VACUUM FULL must
        copy a deleted row that a transaction in this database may still see ("recently
        dead"): any snapshot taken before the delete, such as an autovacuum ANALYZE, a
        request or a pg_dump running at that moment, keeps the ciphertext in the rewritten
        table. So compaction first waits until no session of this database holds such a
        snapshot (``pg_stat_activity``; the sessions of other roles are only seen with
        ``pg_read_all_stats``), and does not queue for its exclusive lock for longer than
        ``COMPACT_LOCK_TIMEOUT``, because every upload and download waits behind it.

        SQLite runs with ``secure_delete``: deleted content is overwritten in the
        database file; the checkpoint removes it from the write-ahead log.
        """
        from django.db import OperationalError

        from .models import StoredBlob

        table = connection.ops.quote_name(StoredBlob._meta.db_table)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return True
        if connection.vendor != "postgresql":
            return False
        deadline = time.monotonic() + wait_seconds
        pause = 0.05
        with connection.cursor() as cursor:
            # Every transaction that ended before now (the deletes) has an id below this one.
            cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
            marker = str(int(cursor.fetchone()[0]) % 2**32)
            while True:
                cursor.execute(OLDER_SNAPSHOTS_SQL, [marker, marker])
                older = int(cursor.fetchone()[0])
                if not older:
                    cursor.execute("SET lock_timeout = %s", [COMPACT_LOCK_TIMEOUT])
                    try:
                        cursor.execute(f"VACUUM FULL {table}")
                        return True
                    except OperationalError:  # lock_timeout: a transaction is using the table
                        pass
                    finally:
                        cursor.execute("RESET lock_timeout")
                if time.monotonic() + pause > deadline:
                    logger.warning(
                        "storage: compaction not finished (%s); the next compaction removes the rest",
                        f"{older} sessions still see deleted files" if older else "blob table in use",
                    )
                    if older:  # still removes what nobody can see any more
                        cursor.execute("SET lock_timeout = %s", [COMPACT_LOCK_TIMEOUT])
                        try:
                            cursor.execute(f"VACUUM FULL {table}")
                        except OperationalError:
                            pass
                        finally:
                            cursor.execute("RESET lock_timeout")
                    return False
                time.sleep(pause)
                pause = min(pause * 2, 2.0)


# Sessions of this database (other than this one) whose snapshot or transaction began
# before the marker: they may still see rows deleted before it, so VACUUM FULL would copy them.
OLDER_SNAPSHOTS_SQL = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
  AND ((backend_xmin IS NOT NULL AND age(backend_xmin) > age(%s::xid))
    OR (backend_xid IS NOT NULL AND age(backend_xid) > age(%s::xid)))
"""


def backend(kind: str | None = None) -> Backend:
    kind = kind or settings.OI_FILE_STORAGE
    if kind == "filesystem":
        return FilesystemBackend()
    if kind == "database":
        return DatabaseBackend()
    raise ImproperlyConfigured(f"OI_FILE_STORAGE must be one of {', '.join(BACKENDS)}, not {kind!r}.")


def new_name() -> str:
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token[2:4]}/{token}.bin"


def save_encrypted(data: bytes, *, name: str | None = None) -> tuple[str, str]:
    """Encrypt and write ``data``; returns (stored name, key id). The write is atomic."""
    name = _checked(name or new_name())
    blob = keyring.encrypt_bytes(data, aad=f"file:{name}")
    backend().write(name, blob)
    return name, keyring.blob_key_id(blob)


def read_decrypted(name: str) -> bytes:
    return keyring.decrypt_bytes(backend().read(name), aad=f"file:{name}")


def delete(name: str) -> None:
    """Remove a stored file; a name that is not stored is not an error."""
    backend().delete(name)


def names() -> Iterator[str]:
    """Every stored file name (the backup check compares them with the rows)."""
    return backend().names()


def compact(*, wait_seconds: float = COMPACT_WAIT_SECONDS) -> bool:
    """After destruction: leave no deleted ciphertext in the storage's own files.
    Returns False when that could not be completed within ``wait_seconds`` (PostgreSQL)."""
    return backend().compact(wait_seconds=wait_seconds)


def reencrypt(name: str) -> str:
    """Re-encrypt one stored file under the active key, in place; returns the new key id."""
    data = read_decrypted(name)
    _, key_id = save_encrypted(data, name=name)
    return key_id


def copy_raw(name: str, *, source: str, target: str) -> None:
    """Copy one file's ciphertext unchanged from one backend to another (moving storage).
    The associated data binds the ciphertext to its name, not to its backend."""
    backend(target).write(name, backend(source).read(name))


_WRITTEN: ContextVar[list[str] | None] = ContextVar("oi_files_written", default=None)


@contextmanager
def removed_on_failure() -> Iterator[list[str]]:
    """Collect names of files written during a database write; remove them if it fails,
    so a failed write leaves no orphan ciphertext behind. (With the database backend the
    rollback has removed them already; the delete is then a no-op.)

    Nested in another one (a service's write inside a caller's larger transaction, such as
    the counted web submission in ``reports/throttle.py``), it collects into the outer list
    and leaves the removal to the outer block, which also sees a failure of the final commit."""
    outer = _WRITTEN.get()
    if outer is not None:
        yield outer
        return
    written: list[str] = []
    token = _WRITTEN.set(written)
    try:
        yield written
    except BaseException:
        for name in written:
            delete(name)
        raise
    finally:
        _WRITTEN.reset(token)
