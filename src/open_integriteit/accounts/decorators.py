from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect

from .second_factor import second_factor_passed

# What a user whose password must be changed may still open: the change itself, and the
# backup codes shown once right after linking an authenticator app.
PASSWORD_CHANGE_PAGES = frozenset({"accounts:password_change", "accounts:backup_codes"})


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Logged in, and — for every role that needs it — verified with a second factor; with
    a password of one's own (``User.must_change_password``)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user: Any = request.user
        if not user.is_authenticated or user.organisation_id is None:
            return redirect_to_login(request.get_full_path())
        if user.needs_two_factor and not second_factor_passed(request):
            from .selectors import user_has_totp

            if user_has_totp(user=user):
                return redirect("accounts:verify")
            return redirect("accounts:setup_two_factor")
        match = request.resolver_match
        if user.must_change_password and (match is None or match.view_name not in PASSWORD_CHANGE_PAGES):
            # A start password from an administrator, or after their reset: a new one first.
            return redirect("accounts:password_change")
        return view(request, *args, **kwargs)

    return wrapper
