"""Brute-force protection for the receipt-code login (ADR 0004).

A guess is never tied to a report, so an attacker cannot lock a real reporter out: the
real reporter holds a valid code and is only ever slowed by failures of *their own
client*. Failures are counted per client in fixed 15-minute windows in the cache, keyed
by an HMAC of the client address with a key that changes every day; the address itself
is never stored, and the counter vanishes with its window. There is deliberately no
global ceiling: it would let anyone lock out every reporter. With 10^16 possible codes,
10 guesses per client per window make guessing hopeless.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from open_integriteit.core.client import client_address

CLIENT_LIMIT = 10
WINDOW_SECONDS = 15 * 60


def _window() -> int:
    return int(timezone.now().timestamp()) // WINDOW_SECONDS


def _client_key(request: HttpRequest) -> str:
    day = timezone.now().strftime("%Y-%m-%d")
    secret = hmac.new(settings.SECRET_KEY.encode(), f"receipt-throttle:{day}".encode(), hashlib.sha256).digest()
    digest = hmac.new(secret, client_address(request).encode(), hashlib.sha256).hexdigest()[:32]
    return f"oi:rt:{_window()}:{digest}"


def is_blocked(request: HttpRequest) -> bool:
    return (cache.get(_client_key(request)) or 0) >= CLIENT_LIMIT


def register_failure(request: HttpRequest) -> None:
    key = _client_key(request)
    # get + set with an explicit timeout: incr() on the database cache would reset the expiry.
    cache.set(key, (cache.get(key) or 0) + 1, WINDOW_SECONDS)


def register_success(request: HttpRequest) -> None:
    cache.delete(_client_key(request))
