"""Encrypted file storage for attachments and documents.

Files are stored under OI_FILE_ROOT with random names; their content is AES-GCM
encrypted with the associated data ``file:<name>``, so a file cannot be swapped for another.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from . import keyring

NAME_RE = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\.bin$")


def _path(name: str) -> Path:
    if not NAME_RE.match(name):
        raise ValueError("bad stored file name")
    return Path(settings.OI_FILE_ROOT) / name


def new_name() -> str:
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token[2:4]}/{token}.bin"


def _private_dirs(directory: Path) -> None:
    """Create the storage directories readable by this user only (0700), whatever the umask."""
    root = Path(settings.OI_FILE_ROOT)
    missing = [d for d in (directory, *directory.parents) if not d.exists() and (d == root or root in d.parents)]
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    for created in missing:
        os.chmod(created, 0o700)


def save_encrypted(data: bytes, *, name: str | None = None) -> tuple[str, str]:
    """Encrypt and write ``data``; returns (stored name, key id). The write is atomic."""
    name = name or new_name()
    path = _path(name)
    _private_dirs(path.parent)
    blob = keyring.encrypt_bytes(data, aad=f"file:{name}")
    tmp = path.with_suffix(".tmp")
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return name, keyring.blob_key_id(blob)


def read_decrypted(name: str) -> bytes:
    with open(_path(name), "rb") as handle:
        return keyring.decrypt_bytes(handle.read(), aad=f"file:{name}")


def delete(name: str) -> None:
    """Remove a stored file; overwrite first so the ciphertext is not left on disk blocks."""
    path = _path(name)
    if path.exists():
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()


def reencrypt(name: str) -> str:
    """Re-encrypt one stored file under the active key, in place; returns the new key id."""
    data = read_decrypted(name)
    _, key_id = save_encrypted(data, name=name)
    return key_id


@contextmanager
def removed_on_failure() -> Iterator[list[str]]:
    """Collect names of files written during a database write; remove them if it fails,
    so a failed write leaves no orphan ciphertext behind."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            delete(name)
        raise
