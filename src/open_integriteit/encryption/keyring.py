"""AES-256-GCM with keys from the environment, each ciphertext tagged with its key id (ADR 0003).

Text token:  ``oi1:<key id>:<base64(nonce || ciphertext+tag)>``
File blob:   ``OIF1`` + 1 byte key-id length + key id + 12-byte nonce + ciphertext+tag
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TOKEN_PREFIX = "oi1"
FILE_MAGIC = b"OIF1"
KEY_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class DecryptionError(Exception):
    pass


@lru_cache(maxsize=8)
def parse_keys(raw: str, *, variable: str = "OI_ENCRYPTION_KEYS") -> dict[str, bytes]:
    """``id:base64(32 bytes)`` items separated by commas, as in OI_ENCRYPTION_KEYS and the
    audit keys; a bad item raises ImproperlyConfigured naming ``variable``."""
    keys: dict[str, bytes] = {}
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        key_id, sep, b64 = item.partition(":")
        if not sep or not KEY_ID_RE.match(key_id):
            raise ImproperlyConfigured(f"{variable}: every key must be written as id:base64key")
        try:
            key = base64.b64decode(b64, validate=True)
        except binascii.Error as exc:
            raise ImproperlyConfigured(f"{variable}: key {key_id} is not valid base64") from exc
        if len(key) != 32:
            raise ImproperlyConfigured(f"{variable}: key {key_id} must be 32 bytes")
        if key_id in keys:
            raise ImproperlyConfigured(f"{variable}: key id {key_id} is listed twice")
        keys[key_id] = key
    return keys


def keys() -> dict[str, bytes]:
    parsed = parse_keys(settings.OI_ENCRYPTION_KEYS)
    if not parsed:
        raise ImproperlyConfigured("OI_ENCRYPTION_KEYS is empty: run `make run` once or set the keys.")
    return parsed


def active_key_id() -> str:
    key_id = settings.OI_ACTIVE_KEY_ID
    if key_id not in keys():
        raise ImproperlyConfigured(f"OI_ACTIVE_KEY_ID {key_id!r} is not among OI_ENCRYPTION_KEYS.")
    return key_id


def new_key_b64() -> str:
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode("ascii")


def _aesgcm(key_id: str) -> AESGCM:
    try:
        return AESGCM(keys()[key_id])
    except KeyError as exc:
        raise DecryptionError(f"unknown key id {key_id!r}: is it still in OI_ENCRYPTION_KEYS?") from exc


def encrypt_text(plaintext: str, *, aad: str) -> str:
    key_id = active_key_id()
    nonce = os.urandom(12)
    ciphertext = _aesgcm(key_id).encrypt(nonce, plaintext.encode("utf-8"), aad.encode("utf-8"))
    return f"{TOKEN_PREFIX}:{key_id}:{base64.b64encode(nonce + ciphertext).decode('ascii')}"


def token_key_id(token: str) -> str | None:
    parts = token.split(":", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    return parts[1]


def decrypt_text(token: str, *, aad: str) -> str:
    key_id = token_key_id(token)
    if key_id is None:
        raise DecryptionError("value is not an Open Integriteit ciphertext")
    blob = base64.b64decode(token.split(":", 2)[2])
    try:
        return _aesgcm(key_id).decrypt(blob[:12], blob[12:], aad.encode("utf-8")).decode("utf-8")
    except InvalidTag as exc:
        raise DecryptionError("ciphertext failed authentication") from exc


def encrypt_bytes(data: bytes, *, aad: str) -> bytes:
    key_id = active_key_id()
    nonce = os.urandom(12)
    kid = key_id.encode("ascii")
    return FILE_MAGIC + bytes([len(kid)]) + kid + nonce + _aesgcm(key_id).encrypt(nonce, data, aad.encode("utf-8"))


def blob_key_id(blob: bytes) -> str:
    if not blob.startswith(FILE_MAGIC):
        raise DecryptionError("not an encrypted file")
    length = blob[4]
    return blob[5 : 5 + length].decode("ascii")


def decrypt_bytes(blob: bytes, *, aad: str) -> bytes:
    key_id = blob_key_id(blob)
    offset = 5 + len(key_id)
    nonce = blob[offset : offset + 12]
    try:
        return _aesgcm(key_id).decrypt(nonce, blob[offset + 12 :], aad.encode("utf-8"))
    except InvalidTag as exc:
        raise DecryptionError("file failed authentication") from exc
