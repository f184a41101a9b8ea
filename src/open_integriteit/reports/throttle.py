"""Brute-force protection for the receipt-code login (ADR 0004).

A guess is never tied to a report, so an attacker cannot lock a real reporter out: the
real reporter holds a valid code and is only ever slowed by failures of *their own
client*. Failures are counted per client in the cache, keyed by an HMAC of the client
address with a key that changes every day; the address itself is never stored, and the
counter vanishes after the window. A global ceiling slows a distributed attack down for
everyone only temporarily — it never locks any code.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

CLIENT_LIMIT = 5
GLOBAL_LIMIT = 500
WINDOW_SECONDS = 15 * 60


def _client_key(request: HttpRequest) -> str:
    day = timezone.now().strftime("%Y-%m-%d")
    secret = hmac.new(settings.SECRET_KEY.encode(), f"receipt-throttle:{day}".encode(), hashlib.sha256).digest()
    address = request.META.get("REMOTE_ADDR", "")
    return "oi:rt:c:" + hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


def _window() -> str:
    return str(int(timezone.now().timestamp()) // WINDOW_SECONDS)


def is_blocked(request: HttpRequest) -> bool:
    client = cache.get(_client_key(request), 0)
    overall = cache.get("oi:rt:g:" + _window(), 0)
    return client >= CLIENT_LIMIT or overall >= GLOBAL_LIMIT


def register_failure(request: HttpRequest) -> None:
    for key in (_client_key(request), "oi:rt:g:" + _window()):
        if cache.add(key, 1, WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)


def register_success(request: HttpRequest) -> None:
    cache.delete(_client_key(request))
