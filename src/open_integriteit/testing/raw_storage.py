"""What the database and the disk really hold, read around the ORM: for tests of encryption
at rest and of retention (ADR 0003, ADR 0008).

On SQLite the database file and its write-ahead log are read as bytes; on PostgreSQL a
``pg_dump`` is taken. ``checkpoint=False`` reads the files as the product left them: a
retention test must see nothing of the destroyed content after the product's own
checkpoint, not after one the test made.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model

from open_integriteit.encryption.fields import EncryptedTextField


def raw_database_bytes(*, checkpoint: bool = True) -> bytes:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        if checkpoint:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = b""
        for suffix in ("", "-wal"):
            path = Path(db["NAME"] + suffix)
            if path.exists():
                data += path.read_bytes()
        assert len(data) > 10_000, "the SQLite test database must be a real file"
        return data
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    command = ["pg_dump", "--no-owner", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
    command += ["-U", db["USER"] or "postgres", db["NAME"]]
    return subprocess.run(command, check=True, capture_output=True, env=env, timeout=120).stdout  # noqa: S603


def raw_ciphertexts(model: type[Model], pks: list[Any], skip: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The stored values (``oi1:...``) of every encrypted column of these rows, read with SQL."""
    columns = [
        f.column for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField) and f.name not in skip
    ]
    if not pks or not columns:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {table} WHERE id IN ({placeholders})", pks)  # noqa: S608
        values = [value for row in cursor.fetchall() for value in row]
    assert all(v.startswith("oi1:") for v in values)
    return values


def raw_rows(model: type[Model], pks: list[Any]) -> list[tuple[Any, ...]]:
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id IN ({', '.join(['%s'] * len(pks))}) ORDER BY id", pks)  # noqa: S608
        return cursor.fetchall()


def stored_files() -> list[Path]:
    return sorted(p for p in Path(settings.OI_FILE_ROOT).rglob("*") if p.is_file())
