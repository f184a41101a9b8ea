"""Whether the second step of a staff log-in has been passed in this session.

Either with an authenticator app or backup code (django-otp, ADR 0012), or — after a log-in
through the organisation's identity provider — by that provider, when the organisation has
stated that its provider enforces multi-factor authentication and the provider's ID token
shows it (``amr``/``acr``, ADR 0019).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

PROVIDER_MFA_KEY = "oi_second_factor_by_provider"


def mark_passed_at_provider(request: HttpRequest, user: Any) -> None:
    request.session[PROVIDER_MFA_KEY] = user.pk


def second_factor_passed(request: HttpRequest) -> bool:
    user: Any = request.user
    if user.is_verified():
        return True
    return user.is_authenticated and request.session.get(PROVIDER_MFA_KEY) == user.pk
