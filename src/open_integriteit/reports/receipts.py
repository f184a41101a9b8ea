"""Receipt codes: the anonymous reporter's only key to their mailbox (ADR 0004).

A code is 16 random digits (10^16 ≈ 2^53 possibilities), shown once. The database keeps
only ``argon2id(HMAC-SHA256(pepper, code), salt)`` where the pepper lives outside the
database and the salt is derived from it, so the hash is deterministic (indexable) and a
stolen database alone is useless: without the 256-bit pepper nothing can be tested.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata
from functools import lru_cache

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CODE_DIGITS = 16
HASH_VERSION = "a2id1"
ASCII_CODE = re.compile(rf"[0-9]{{{CODE_DIGITS}}}")
# Chosen from the code's entropy, not a password's: see ADR 0004.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 8 * 1024
ARGON2_PARALLELISM = 1
ARGON2_HASH_LEN = 32


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


def hash_code(code: str) -> str:
    pepper = _pepper(settings.OI_RECEIPT_PEPPER)
    keyed = hmac.new(pepper, code.encode("ascii"), hashlib.sha256).digest()
    salt = hmac.new(pepper, b"open-integriteit receipt salt v1", hashlib.sha256).digest()[:16]
    digest = hash_secret_raw(
        secret=keyed,
        salt=salt,
        time_cost=ARGON2_TIME_COST,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=ARGON2_PARALLELISM,
        hash_len=ARGON2_HASH_LEN,
        type=Type.ID,
    )
    return f"{HASH_VERSION}${digest.hex()}"
