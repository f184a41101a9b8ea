"""The keys of the blind index (ADR 0016).

Each search key is derived (HKDF-SHA256) from a key of the encryption key ring
(``OI_ENCRYPTION_KEYS``) and the organisation: no new secret to keep, nothing in the
database, and a different key per organisation, so that the same word in two
organisations gives unrelated tokens. The derivation's own label separates it from the
AES use of the same key: a search key says nothing about the encryption key.

A token is stored with the id of the key it was made with. Searching hashes the query
under every key of the ring, so search keeps working while ``rotate_keys`` runs;
``rebuild_search_index`` moves every token to the active key before the old one goes.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from open_integriteit.encryption import keyring

DIGEST_LENGTH = 16  # hex characters: 64 bits of HMAC-SHA256
_LABEL = b"open-integriteit search index v1"


@lru_cache(maxsize=256)
def _derive(master: bytes, organisation_id: int) -> bytes:
    info = _LABEL + b":organisation:" + str(organisation_id).encode("ascii")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def search_key(key_id: str, organisation_id: int) -> bytes:
    return _derive(keyring.keys()[key_id], organisation_id)


def digest(term: str, *, key: bytes) -> str:
    return hmac.new(key, term.encode("utf-8"), hashlib.sha256).hexdigest()[:DIGEST_LENGTH]


def active_key_id() -> str:
    return keyring.active_key_id()


def all_key_ids() -> list[str]:
    """The active key first, then the others still in the ring."""
    active = keyring.active_key_id()
    return [active, *sorted(set(keyring.keys()) - {active})]
