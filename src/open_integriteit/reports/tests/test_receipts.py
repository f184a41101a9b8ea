"""Receipt codes and the mailbox login's brute-force protection."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from open_integriteit.reports import receipts, throttle
from open_integriteit.reports.models import Report

pytestmark = pytest.mark.django_db


def test_code_has_16_digits_and_is_stored_only_as_peppered_argon2id(make_report):
    report, code = make_report()
    assert len(code) == 16 and code.isdigit()
    stored = Report.objects.values_list("receipt_hash", flat=True).get(pk=report.pk)
    assert code not in stored
    assert stored.startswith("a2id2$") and stored == receipts.hash_code(code)


def test_hash_depends_on_the_pepper(settings):
    code = receipts.generate_code()
    first = receipts.hash_code(code)
    settings.OI_RECEIPT_PEPPER = "b3RoZXItcGVwcGVyLW90aGVyLXBlcHBlci1vdGhlci1wZXA="
    assert receipts.hash_code(code) != first


def test_reference_reveals_nothing(make_report):
    first, _ = make_report()
    second, _ = make_report()
    assert first.reference != second.reference
    import re

    for report in (first, second):
        # Random Crockford base32: no sequence number, no date, no organisation.
        assert re.fullmatch(r"M-[0-9A-HJKMNP-TV-Z]{8}", report.reference)


def _login(client: Client, org, code: str, address: str = "198.51.100.1"):
    return client.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": code}, REMOTE_ADDR=address)


def test_code_with_spaces_opens_the_mailbox_of_its_own_organisation_only(org, other_org, make_report):
    report, code = make_report()
    spaced = receipts.format_code(code)
    assert _login(Client(), other_org, spaced).status_code == 200  # not known there
    client = Client()
    response = _login(client, org, spaced)
    assert response.status_code == 302
    page = client.get(reverse("reports:mailbox", args=[org.slug])).content.decode()
    assert report.reference in page


def test_a_code_stored_under_the_older_hash_version_still_opens_its_mailbox_and_is_brought_up_to_date(
    org, other_org, make_report
):
    """ADR 0026: reports from before a2id2 keep their a2id1 hash until their next log-in."""
    report, code = make_report()
    (older,) = [v for v in receipts.HASH_VERSIONS if v.name == "a2id1"]
    Report.objects.filter(pk=report.pk).update(receipt_hash=receipts.hash_code(code, older))
    assert _login(Client(), other_org, code).status_code == 200  # still only in its own organisation
    assert _login(Client(), org, "1111 2222 3333 4444").status_code == 200  # a wrong code opens nothing
    assert Report.objects.get(pk=report.pk).receipt_hash == receipts.hash_code(code, older)
    client = Client()
    assert _login(client, org, receipts.format_code(code)).status_code == 302
    assert report.reference in client.get(reverse("reports:mailbox", args=[org.slug])).content.decode()
    assert Report.objects.get(pk=report.pk).receipt_hash == receipts.hash_code(code)
    assert _login(Client(), org, code).status_code == 302  # and under the new hash it opens again


def test_mailbox_requires_login(client, org):
    response = client.get(reverse("reports:mailbox", args=[org.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:mailbox_login", args=[org.slug])


def test_wrong_codes_block_the_guessing_client_but_never_the_real_reporter(org, make_report):
    _report, code = make_report()
    attacker = Client()
    for _ in range(throttle.CLIENT_LIMIT):
        response = _login(attacker, org, "1111 2222 3333 4444", address="203.0.113.66")
        assert "code" in response.context["form"].errors
    # Now even the right code is not tried from the guessing client...
    response = _login(attacker, org, code, address="203.0.113.66")
    assert response.status_code == 200 and response.context["blocked"] is True
    # ...while the real reporter, elsewhere, gets in at once.
    assert _login(Client(), org, code, address="192.0.2.10").status_code == 302
    # And the block on the guessing client ends by itself.
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=31), tick=False):
        assert _login(Client(), org, code, address="203.0.113.66").status_code == 302


def test_the_throttle_stores_no_address_and_secret_key_does_not_reveal_it(org, rf, settings):
    import hashlib
    import hmac

    from django.utils import timezone

    from open_integriteit.core.models import RateCounter

    address = "203.0.113.77"
    throttle.receipt_attempt(rf.post("/", REMOTE_ADDR=address))
    (bucket,) = RateCounter.objects.values_list("bucket", flat=True)
    assert address not in bucket
    # The old key (derived from SECRET_KEY) cannot find it: the key lives only in the server.
    day = timezone.now().strftime("%Y-%m-%d")
    old_key = hmac.new(settings.SECRET_KEY.encode(), f"receipt-throttle:{day}".encode(), hashlib.sha256).digest()
    assert hmac.new(old_key, address.encode(), hashlib.sha256).hexdigest()[:32] not in bucket
    settings.OI_CLIENT_HASH_KEY = "another-server-start"
    throttle.receipt_attempt(rf.post("/", REMOTE_ADDR=address))
    assert RateCounter.objects.count() == 2  # a new key: the same address is a new subject


@pytest.mark.parametrize(
    ("typed", "opens"),
    [
        ("\uff11\uff12\uff13\uff14 \uff15\uff16\uff17\uff18", True),  # full-width digits: NFKC makes them ASCII
        ("\u200f{code}\u200f", True),  # right-to-left marks copied along
        ("\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662\u0663\u0664\u0665\u0666", False),
        ("\u06f1" * 16, False),  # extended Arabic-Indic
        ("12345678901234\x0056", False),
    ],
)
def test_unicode_digits_never_give_a_server_error_and_count_as_guesses(org, make_report, typed, opens):
    from open_integriteit.core.models import RateCounter

    _report, code = make_report()
    if typed.startswith("\uff11"):
        code_chars = "".join(chr(0xFF10 + int(d)) for d in code)
        typed = code_chars
    typed = typed.replace("{code}", code)
    client = Client()
    response = _login(client, org, typed)
    assert response.status_code in (200, 302)
    if opens:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        if "\x00" not in typed:  # a NUL byte is refused by the form before counting
            assert RateCounter.objects.get().hits == 1


def test_logout_ends_the_reporter_session(org, make_report):
    _report, code = make_report()
    client = Client()
    _login(client, org, code)
    client.post(reverse("reports:mailbox_logout", args=[org.slug]))
    assert client.get(reverse("reports:mailbox", args=[org.slug])).status_code == 302


def test_receipt_page_is_not_cached_and_loads_nothing_from_elsewhere(client, org):
    response = client.post(
        reverse("reports:public_form", args=[org.slug]),
        {
            "ground": "other",
            "what_happened": "Invented",
            "reported_elsewhere": "no",
            "reporter_type": "other",
            "anonymity": "anonymous",
        },
    )
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    page = response.content.decode()
    assert "http://" not in page.replace("http://testserver", "") and "https://" not in page
    assert "<script" not in page


def test_reporter_session_ends_after_twenty_minutes_without_activity(org, make_report):
    _report, code = make_report()
    client = Client()
    _login(client, org, code)
    assert client.get(reverse("reports:mailbox", args=[org.slug])).status_code == 200
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=21), tick=False):
        assert client.get(reverse("reports:mailbox", args=[org.slug])).status_code == 302


def test_client_address_behind_trusted_proxy(rf, settings):
    from open_integriteit.core.client import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7")
    assert client_address(request) == "10.0.0.1"
    settings.OI_TRUSTED_PROXIES = 1
    assert client_address(request) == "198.51.100.7"
