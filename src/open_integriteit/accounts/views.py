"""Staff login with a second factor, two-factor set-up, and user management for administrators."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.access.menu import home_url_name
from open_integriteit.core.forms import add_service_error

from . import selectors, services
from .decorators import staff_required
from .forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordConfirmForm,
    PasswordResetRequestForm,
    PasswordSetForm,
    RolesForm,
    TokenForm,
    UserCreateForm,
)
from .models import User
from .oidc.selectors import organisations_with_provider
from .reauth import recent_password_required

NEW_BACKUP_CODES_KEY = "oi_new_backup_codes"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return ""


def _home_for(user: User) -> str:
    from django.urls import reverse

    return reverse(home_url_name(user))


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        # The same answers for every user name, existing or not (ADR 0012).
        lock = services.user_login_check_lock(request=request, username=username)
        if lock is None:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if isinstance(user, User) and user.organisation_id is not None:
                services.user_login(request=request, user=user)
                next_url = _next_url(request)
                if user.needs_two_factor:
                    if selectors.user_has_totp(user=user):
                        return redirect(
                            f"{_url('accounts:verify')}?next={next_url}" if next_url else _url("accounts:verify")
                        )
                    return redirect("accounts:setup_two_factor")
                return redirect(next_url or _home_for(user))
            lock = services.user_login_failed(request=request, username=username)
            if lock is None:
                form.add_error(None, _("The user name or password is not correct."))
        if lock is not None:
            form.add_error(None, services.login_locked_message(lock))
            status = 429
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_url(request), "providers": organisations_with_provider()},
        status=status,
    )


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.user_verify_second_factor(request=request, user=user, token=form.cleaned_data["token"]):
            return redirect(_next_url(request) or _home_for(user))
        form.add_error("token", _("This code is not correct or has expired. Try the newest code."))
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@require_http_methods(["GET", "POST"])
@recent_password_required
def setup_two_factor_view(request: HttpRequest) -> HttpResponseBase:
    """Link an authenticator app (replacing any linked before) and receive backup codes:
    at the first log-in, or later from the profile. Needs the password of the last minutes."""
    user: Any = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if selectors.user_has_totp(user=user) and not user.is_verified():
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or services.totp_device_create(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"], request=request):
            request.session[NEW_BACKUP_CODES_KEY] = services.backup_codes_create(user=user, request=request)
            return redirect("accounts:backup_codes")
        form.add_error("token", _("This code is not correct. Check the time on your phone and try the newest code."))
    qr = segno.make(device.config_url, error="m")
    response = render(
        request,
        "accounts/setup_two_factor.html",
        {"form": form, "qr_data_uri": qr.svg_data_uri(scale=4), "secret": _b32(device)},
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
@recent_password_required
def backup_codes_view(request: HttpRequest) -> HttpResponseBase:
    """Make new backup codes (the old ones stop working); they are shown once, here."""
    if request.method == "POST":
        user: Any = request.user
        request.session[NEW_BACKUP_CODES_KEY] = services.backup_codes_create(user=user, request=request)
        return redirect("accounts:backup_codes")
    codes = request.session.pop(NEW_BACKUP_CODES_KEY, None)
    response = render(request, "accounts/backup_codes.html", {"codes": codes, "nav": "profile"})
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def reauthenticate_view(request: HttpRequest) -> HttpResponseBase:
    """Enter the password again before changing how one logs in (``reauth``)."""
    user: Any = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    form = PasswordConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_reauthenticate(request=request, user=user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return redirect(_next_url(request) or "accounts:profile")
    return render(request, "accounts/reauthenticate.html", {"form": form, "next": _next_url(request)})


@staff_required
@sensitive_post_parameters("current_password", "new_password", "new_password_again")
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    form = PasswordChangeForm(request.POST or None)
    if request.method == "GET" and user.must_change_password:
        messages.warning(request, _("Choose a password of your own before you continue."))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_change(
                request=request,
                user=user,
                current_password=form.cleaned_data["current_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("Your password has been changed. You stay logged in here; your other sessions have ended.")
            )
            return redirect(_home_for(user))
    return render(request, "accounts/password_change.html", {"form": form, "nav": "profile"})


def _b32(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    services.user_logout(request=request)
    messages.info(request, _("You have been logged out."))
    return redirect("accounts:login")


@staff_required
def home_view(request: HttpRequest) -> HttpResponseBase:
    """Where the organisation's name in the header leads: the start page of the user's roles."""
    return redirect(_home_for(request.user))  # type: ignore[arg-type]


@staff_required
def profile_view(request: HttpRequest) -> HttpResponse:
    has_totp = selectors.user_has_totp(user=request.user)
    return render(request, "accounts/profile.html", {"nav": "profile", "has_totp": has_totp})


@staff_required
def user_list_view(request: HttpRequest) -> HttpResponse:
    users = selectors.user_list_for_administrator(user=request.user)
    return render(request, "accounts/user_list.html", {"users": users, "nav": "users"})


@staff_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def user_create_view(request: HttpRequest) -> HttpResponseBase:
    selectors.user_list_for_administrator(user=request.user)
    admin: Any = request.user
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.user_create(
                organisation=admin.organisation,
                by=admin,
                request=request,
                **{
                    k: form.cleaned_data[k]
                    for k in ("username", "first_name", "last_name", "email", "job_title", "password", "roles")
                },
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if selectors.roles_pending(user=created):
                messages.success(
                    request,
                    _(
                        "The user has been created. A content role counts once a coordinator or another "
                        "administrator has approved it."
                    ),
                )
            else:
                messages.success(request, _("The user has been created."))
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "nav": "users"})


@staff_required
@require_http_methods(["GET", "POST"])
def user_roles_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    target = selectors.user_get_for_administrator(user=request.user, pk=pk)
    if target.pk == request.user.pk:
        messages.error(request, _("You cannot change your own roles. Ask another administrator."))
        return redirect("accounts:user_list")
    pending = selectors.roles_pending(user=target)
    form = RolesForm(
        request.POST or None, initial={"roles": sorted(selectors.roles_held(user=target))}, pending=pending
    )
    if request.method == "POST" and form.is_valid():
        admin: Any = request.user
        if services.user_roles_set(user=target, roles=form.cleaned_data["roles"], by=admin, request=request):
            if selectors.roles_pending(user=target) - pending:
                messages.success(
                    request,
                    _(
                        "The roles have been saved. A new content role counts once a coordinator or another "
                        "administrator has approved it."
                    ),
                )
            else:
                messages.success(request, _("The roles have been saved."))
        else:
            messages.info(request, _("The roles are unchanged."))
        return redirect("accounts:user_list")
    return render(
        request,
        "accounts/user_roles.html",
        {"form": form, "target": target, "pending": pending, "nav": "users"},
    )


def _manage(
    request: HttpRequest, pk: int, service: Any, done: str, *, extra: dict[str, Any] | None = None
) -> HttpResponseBase:
    """A POST by an administrator on a colleague's account; back to the account's page."""
    target = selectors.user_get_for_administrator(user=request.user, pk=pk)
    try:
        service(user=target, by=request.user, request=request, **(extra or {}))
    except PermissionDenied:
        messages.error(request, _("You cannot do this for your own account. Ask another administrator."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done % {"name": target})
    if target.pk == request.user.pk:
        return redirect("accounts:user_list")
    return redirect("accounts:user_roles", pk=target.pk)


@staff_required
@require_POST
def user_deactivate_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _manage(request, pk, services.user_deactivate, _("%(name)s has been deactivated and can no longer log in."))


@staff_required
@require_POST
def user_reactivate_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _manage(request, pk, services.user_reactivate, _("%(name)s can log in again."))


@staff_required
@require_POST
def user_two_factor_reset_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _manage(
        request,
        pk,
        services.user_two_factor_reset,
        _("The authenticator app of %(name)s has been unlinked. They link one again at their next log-in."),
    )


@staff_required
@require_POST
def user_password_reset_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _manage(
        request,
        pk,
        services.user_password_reset_send,
        _("%(name)s has been sent a link to choose a new password."),
    )


@staff_required
def role_approval_list_view(request: HttpRequest) -> HttpResponse:
    """Content roles given by an administrator that wait for a second person."""
    pending = selectors.pending_roles_for_approver(user=request.user)
    rows = selectors.approvable(user=request.user, assignments=pending)
    return render(request, "accounts/role_approvals.html", {"rows": rows, "nav": "role_approvals"})


@staff_required
@require_POST
def role_decide_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    assignment = selectors.pending_role_get_for_approver(user=request.user, pk=pk)
    approver: Any = request.user
    decision = request.POST.get("decision")  # the button pressed
    if decision not in ("approve", "refuse"):
        messages.error(request, _("Choose to approve or to refuse the role."))
        return redirect("accounts:role_approvals")
    approve = decision == "approve"
    try:
        if approve:
            services.role_approve(assignment=assignment, by=approver, request=request)
        else:
            services.role_refuse(assignment=assignment, by=approver, request=request)
    except PermissionDenied:
        messages.error(
            request,
            _("You cannot decide on a role you gave or that was given to you. Another approver must do this."),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        label = {"role": assignment.get_role_display(), "name": assignment.user}
        if approve:
            messages.success(request, _("%(name)s is now %(role)s.") % label)
        else:
            messages.success(request, _("The role %(role)s of %(name)s has been refused.") % label)
    return redirect("accounts:role_approvals")


@require_http_methods(["GET", "POST"])
def password_reset_view(request: HttpRequest) -> HttpResponseBase:
    """Forgot password: the same answer whether an account exists or not."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(request=request, identifier=form.cleaned_data["identifier"])
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html", {"hours": services.PASSWORD_RESET_HOURS})


@sensitive_post_parameters("new_password", "new_password_again")
@require_http_methods(["GET", "POST"])
def password_reset_confirm_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponseBase:
    """Choose a new password through a mailed link. The link works once."""
    target = services.password_reset_user(uidb64=uidb64, token=token)
    if target is None:
        response = render(request, "accounts/password_reset_confirm.html", {"valid": False}, status=404)
        response["Cache-Control"] = "no-store"
        return response
    form = PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_reset(
                request=request, user=target, token=token, new_password=form.cleaned_data["new_password"]
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your new password has been set. Log in with it."))
            return redirect("accounts:login")
    response = render(request, "accounts/password_reset_confirm.html", {"valid": True, "form": form})
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_POST
def user_unlock_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An administrator lifts the log-in locks of a user of the own organisation."""
    target = selectors.user_get_for_administrator(user=request.user, pk=pk)
    admin: Any = request.user
    services.user_login_unlock(user=target, by=admin, request=request)
    messages.success(request, _("%(name)s can log in again from every address.") % {"name": target.username})
    return redirect("accounts:user_roles", pk=target.pk)
