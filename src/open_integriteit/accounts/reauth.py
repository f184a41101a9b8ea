"""Recent re-authentication: changing how someone logs in needs the password again.

Linking an authenticator app and making new backup codes are refused unless the password
was entered in this session within the last ``REAUTH_MINUTES`` (at log-in, on the
confirmation page or when changing it), so an open, verified session alone cannot take
over the account's second factor.
"""

from __future__ import annotations

import time
from functools import wraps
from typing import Any, Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

PASSWORD_AT_KEY = "oi_password_at"
REAUTH_MINUTES = 10


def mark_password_confirmed(request: HttpRequest) -> None:
    request.session[PASSWORD_AT_KEY] = time.time()


def password_recently_confirmed(request: HttpRequest) -> bool:
    confirmed_at = request.session.get(PASSWORD_AT_KEY)
    return confirmed_at is not None and time.time() - confirmed_at <= REAUTH_MINUTES * 60


def recent_password_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Send the user to the password confirmation first, and back here afterwards."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not password_recently_confirmed(request):
            return redirect(f"{reverse('accounts:reauthenticate')}?{urlencode({'next': request.path})}")
        return view(request, *args, **kwargs)

    return wrapper
