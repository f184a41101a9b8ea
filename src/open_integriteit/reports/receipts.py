"""Receipt codes: the anonymous reporter's only key to their mailbox (ADR 0004).

A code is 16 random digits (10^16 ≈ 2^53 possibilities), shown once. The database keeps
only ``argon2id(HMAC-SHA256(pepper, code), salt)`` where the pepper lives outside the
database and the salt is derived from it, so the hash is deterministic (indexable) and a
stolen database alone is useless: without the 256-bit pepper nothing can be tested.

The argon2id parameters carry a version in the stored hash (ADR 0026): new codes get the
first of ``HASH_VERSIONS``; a code stored under an older one still opens its mailbox and
is then stored again under the current one (``services.report_receipt_rehash``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CODE_DIGITS = 16
ASCII_CODE = re.compile(rf"[0-9]{{{CODE_DIGITS}}}")


@dataclass(frozen=True)
class HashVersion:
    """argon2id parameters, named by the prefix of the hashes made with them."""

    name: str
    time_cost: int
    memory_kib: int
    parallelism: int = 1
    hash_len: int = 32


# Chosen from the code's entropy, not a password's: ADR 0004, and ADR 0026 for a2id2.
# The first is used for new codes; the others only open mailboxes of older reports.
HASH_VERSIONS = (
    HashVersion("a2id2", time_cost=1, memory_kib=8 * 1024),
    HashVersion("a2id1", time_cost=2, memory_kib=8 * 1024),
)
CURRENT = HASH_VERSIONS[0]


@lru_cache(maxsize=4)
def _pepper(raw: str) -> bytes:
    try:
        pepper = base64.b64decode(raw, validate=True)
    except ValueError as exc:
        raise ImproperlyConfigured("OI_RECEIPT_PEPPER must be base64") from exc
    if len(pepper) < 32:
        raise ImproperlyConfigured("OI_RECEIPT_PEPPER must hold at least 32 bytes")
    return pepper


def generate_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def format_code(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(raw: str) -> str | None:
    """The 16 ASCII digits of a typed code; None when the input cannot be a receipt code.

    NFKC turns full-width digits (from an East Asian keyboard) into ASCII ones; spaces,
    dashes, dots and invisible format characters (such as right-to-left marks copied
    along) are dropped. Any other digit, such as Arabic-Indic, makes it no code: the
    attempt still counts as a guess.
    """
    text = unicodedata.normalize("NFKC", raw or "")
    digits = "".join(ch for ch in text if not (ch.isspace() or ch in "-." or unicodedata.category(ch) == "Cf"))
    if not ASCII_CODE.fullmatch(digits):
        return None
    return digits


def hash_code(code: str, version: HashVersion = CURRENT) -> str:
    pepper = _pepper(settings.OI_RECEIPT_PEPPER)
    keyed = hmac.new(pepper, code.encode("ascii"), hashlib.sha256).digest()
    salt = hmac.new(pepper, b"open-integriteit receipt salt v1", hashlib.sha256).digest()[:16]
    digest = hash_secret_raw(
        secret=keyed,
        salt=salt,
        time_cost=version.time_cost,
        memory_cost=version.memory_kib,
        parallelism=version.parallelism,
        hash_len=version.hash_len,
        type=Type.ID,
    )
    return f"{version.name}${digest.hex()}"


def candidate_hashes(code: str) -> Iterator[str]:
    """The hashes ``code`` may be stored under, the current version first; computed one at
    a time, so a code found under the current version costs one hash."""
    for version in HASH_VERSIONS:
        yield hash_code(code, version)


def is_current(receipt_hash: str) -> bool:
    return receipt_hash.startswith(f"{CURRENT.name}$")
