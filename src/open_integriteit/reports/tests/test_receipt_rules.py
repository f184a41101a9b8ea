"""Receipt codes as exact rules (ADR 0004), without the database.

``make mutation`` runs these against every mutant of ``reports/receipts.py``: 16 random
digits, shown in groups of four, read back with spaces, hyphens and dots left out, and
stored only as the peppered argon2id hash the ADR spells out, recomputed here from it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

import pytest
from argon2.low_level import Type, hash_secret_raw
from django.core.exceptions import ImproperlyConfigured

from open_integriteit.reports import receipts

CODE = "0123456789012345"


def test_a_code_is_sixteen_random_ascii_digits_leading_zeros_included():
    codes = [receipts.generate_code() for _ in range(200)]
    assert all(re.fullmatch(r"[0-9]{16}", code) for code in codes)
    assert len(set(codes)) == len(codes)
    # Random over the whole range: the first eight digits are not padding.
    assert not any(code.startswith("00000000") for code in codes)
    assert len({code[0] for code in codes}) > 5


def test_a_code_is_shown_in_groups_of_four():
    assert receipts.format_code(CODE) == "0123 4567 8901 2345"


@pytest.mark.parametrize(
    "typed",
    [CODE, "0123 4567 8901 2345", "0123-4567-8901-2345", "0123.4567.8901.2345", " 0123\t4567\n8901  2345 "],
)
def test_a_code_is_read_back_with_spaces_hyphens_and_dots_left_out(typed):
    assert receipts.normalise_code(typed) == CODE


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "012345678901234",
        "01234567890123456",
        "0123/4567/8901/2345",
        "0123_4567_8901_2345",
        "O123456789012345",
    ],
)
def test_anything_else_is_no_code(typed):
    assert receipts.normalise_code(typed) is None


@pytest.mark.parametrize(("version", "time_cost"), [("a2id2", 1), ("a2id1", 2)])
def test_the_stored_hash_is_argon2id_of_the_peppered_code_as_adr_0004_and_0026_say(settings, version, time_cost):
    pepper = base64.b64decode(settings.OI_RECEIPT_PEPPER)
    expected = hash_secret_raw(
        secret=hmac.new(pepper, CODE.encode(), hashlib.sha256).digest(),
        salt=hmac.new(pepper, b"open-integriteit receipt salt v1", hashlib.sha256).digest()[:16],
        time_cost=time_cost,
        memory_cost=8 * 1024,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )
    (parameters,) = [v for v in receipts.HASH_VERSIONS if v.name == version]
    assert receipts.hash_code(CODE, parameters) == f"{version}$" + expected.hex()
    assert receipts.hash_code(CODE, parameters) != receipts.hash_code("0123456789012346", parameters)
    assert receipts.hash_code(CODE).startswith("a2id2$")  # new codes: the current version


def test_another_pepper_gives_another_hash(settings):
    first = receipts.hash_code(CODE)
    settings.OI_RECEIPT_PEPPER = base64.b64encode(b"another pepper, 32 bytes or more!").decode()
    assert receipts.hash_code(CODE) != first


@pytest.mark.parametrize(
    ("pepper", "problem"),
    [
        ("not base64!", "must be base64"),
        (base64.b64encode(b"x" * 31).decode(), "at least 32 bytes"),
    ],
)
def test_a_bad_pepper_stops_the_hashing_loudly(settings, pepper, problem):
    settings.OI_RECEIPT_PEPPER = pepper
    with pytest.raises(ImproperlyConfigured, match=problem):
        receipts.hash_code(CODE)


PEPPER_33 = base64.b64encode(b"x" * 33).decode()  # 44 characters, no padding


@pytest.mark.parametrize(
    ("pepper", "message"),
    [
        ("not base64!", "OI_RECEIPT_PEPPER must be base64"),
        # One character outside the alphabet is refused, not silently skipped.
        (PEPPER_33[:10] + "!" + PEPPER_33[10:], "OI_RECEIPT_PEPPER must be base64"),
        (PEPPER_33[:10] + " " + PEPPER_33[10:], "OI_RECEIPT_PEPPER must be base64"),
        (base64.b64encode(b"x" * 31).decode(), "OI_RECEIPT_PEPPER must hold at least 32 bytes"),
    ],
)
def test_a_bad_pepper_is_refused_with_a_message_that_says_what_is_wrong(settings, pepper, message):
    settings.OI_RECEIPT_PEPPER = pepper
    with pytest.raises(ImproperlyConfigured) as refused:
        receipts.hash_code(CODE)
    assert str(refused.value) == message


def test_a_pepper_of_exactly_32_bytes_is_enough(settings):
    settings.OI_RECEIPT_PEPPER = base64.b64encode(b"x" * 32).decode()
    assert receipts.hash_code(CODE).startswith("a2id2$")
