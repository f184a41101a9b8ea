"""The data on disk is readable by the server's own user only.

The SQLite database holds live staff sessions (``django_session``) and, with its WAL, every
recent write; the file storage holds encrypted attachments; the mail folder holds mails
with links; ``local.env`` holds the keys. Any other local user who can read them can take
over a session or collect what the encryption protects.

- Created private: every entry point sets ``umask 077`` (``manage.py``, ``wsgi.py``,
  ``gunicorn.conf.py``), the file storage creates directories 0700 and files 0600, and a
  new SQLite database is made 0600 as soon as it is opened (SQLite gives its ``-wal`` and
  ``-shm`` files the database's own mode).
- Refused when exposed: the system check ``open_integriteit.E001`` (every management
  command, ``qcluster`` and ``migrate`` included) and gunicorn's start
  (``gunicorn.conf.py``) stop with the ``chmod`` that fixes it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


@dataclass(frozen=True)
class Exposed:
    path: Path
    mode: int
    is_dir: bool

    @property
    def fix(self) -> str:
        return f"chmod -R go= {self.path}" if self.is_dir else f"chmod 600 {self.path}"

    def __str__(self) -> str:
        kind = "directory" if self.is_dir else "file"
        return (
            f"The {kind} {self.path} can be read by other users of this machine "
            f"(mode {stat.S_IMODE(self.mode):04o}). Fix it with: {self.fix}"
        )


def sqlite_files(database: dict[str, Any] | None = None) -> list[Path]:
    """The SQLite database and its WAL and shared-memory files, if SQLite is used on disk."""
    database = database or settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if not str(database.get("ENGINE", "")).endswith("sqlite3") or not name or name == ":memory:":
        return []
    if name.startswith("file:"):  # URI names (in-memory test databases)
        return []
    return [Path(name), Path(f"{name}-wal"), Path(f"{name}-shm")]


def private_paths() -> list[tuple[Path, bool]]:
    """Every path that must be private, with whether it is a directory."""
    paths: list[tuple[Path, bool]] = [(path, False) for path in sqlite_files()]
    paths.append((Path(settings.OI_FILE_ROOT), True))
    if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
        paths.append((Path(settings.EMAIL_FILE_PATH), True))
    if settings.OI_ENV_FILE:
        paths.append((Path(settings.OI_ENV_FILE), False))
    return paths


def exposed_paths() -> list[Exposed]:
    """The private paths that exist and grant any permission to group or others."""
    found = []
    for path, is_dir in private_paths():
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            continue
        if mode & 0o077:
            found.append(Exposed(path, mode, is_dir))
    return found


def make_sqlite_private(database: dict[str, Any]) -> None:
    """Make the SQLite files 0600 when a connection opens them: SQLite creates a new
    database with the process's umask, which need not be ours (a test runner, a shell)."""
    for path in sqlite_files(database):
        try:
            if path.stat().st_mode & 0o077:
                os.chmod(path, PRIVATE_FILE)
        except FileNotFoundError:
            continue


def on_connection_created(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Signal receiver (``connection_created``, connected in ``CoreConfig.ready``)."""
    if connection.vendor == "sqlite":
        make_sqlite_private(connection.settings_dict)
