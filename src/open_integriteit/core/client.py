"""The client's address, for staff audit events and the receipt-login throttle only.

Behind reverse proxies set OI_TRUSTED_PROXIES to their number: the address is then taken
from X-Forwarded-For, counting from the right, so a client cannot forge it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    proxies = settings.OI_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
