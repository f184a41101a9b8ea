"""Staff sessions end at a hard maximum after login, whatever the activity."""

from __future__ import annotations

import time
from typing import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LOGIN_TIME_KEY = "oi_login_at"


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_TIME_KEY)
            if started is None or time.time() - started > settings.OI_SESSION_MAX_HOURS * 3600:
                logout(request)
        return self.get_response(request)
