"""Writes on accounts: users, roles, two-factor devices, logins. Every one is audited."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth import login, password_validation, update_session_auth_hash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.access import administration as access
from open_integriteit.audit.services import audit_log

from . import reauth, throttle
from .models import Role, RoleAssignment, User

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.organisations.models import Organisation

BACKUP_CODE_COUNT = 10


def user_create(
    *,
    organisation: Organisation,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    roles: list[str] | None = None,
    job_title: str = "",
    by: User | None = None,
    request: HttpRequest | None = None,
) -> User:
    """A new account. ``by=None`` is the system (set-up, demo data); otherwise an administrator
    of the organisation."""
    if by is not None and not access.can_manage_organisation(by, organisation.pk):
        raise PermissionDenied
    with transaction.atomic():
        user = User(
            organisation=organisation,
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            job_title=job_title,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_log(action="account.created", actor=by, organisation_id=organisation.pk, target=user, request=request)
        for role in roles or []:
            role_assign(user=user, role=role, by=by, request=request)
    return user


def _check_administrator(by: User | None, user: User) -> None:
    """Only an administrator of the same organisation changes roles, and never their own:
    an administrator must not be able to make themselves a reader of reports (ADR 0003)."""
    if by is None:
        return
    if by.pk == user.pk:
        raise PermissionDenied("administrators cannot change their own roles")
    if not access.can_change_roles(by, user):
        raise PermissionDenied


def role_assign(*, user: User, role: str, by: User | None = None, request: HttpRequest | None = None) -> None:
    _check_administrator(by, user)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    with transaction.atomic():
        _obj, created = RoleAssignment.objects.get_or_create(user=user, role=role)
        if created:
            audit_log(action="account.role_granted", actor=by, target=user, request=request, details={"role": role})
    user.__dict__.pop("role_set", None)


def role_revoke(*, user: User, role: str, by: User | None = None, request: HttpRequest | None = None) -> None:
    _check_administrator(by, user)
    with transaction.atomic():
        deleted, _unused = RoleAssignment.objects.filter(user=user, role=role).delete()
        if deleted:
            audit_log(action="account.role_revoked", actor=by, target=user, request=request, details={"role": role})
    user.__dict__.pop("role_set", None)


def user_roles_set(*, user: User, roles: list[str], by: User | None = None, request: HttpRequest | None = None) -> bool:
    """Give the user exactly these roles: grant the missing ones, revoke the others, each
    audited. Roles the user already has stay untouched. Returns whether anything changed."""
    _check_administrator(by, user)
    current = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    wanted = set(roles)
    with transaction.atomic():
        for role in sorted(wanted - current):
            role_assign(user=user, role=role, by=by, request=request)
        for role in sorted(current - wanted):
            role_revoke(user=user, role=role, by=by, request=request)
    return wanted != current


def totp_device_create(*, user: User, confirmed: bool = False, key_hex: str | None = None) -> TOTPDevice:
    """A TOTP device; unconfirmed until the user proves it with a first code."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice(user=user, name="authenticator", confirmed=confirmed)
        if key_hex:
            device.key = key_hex
        device.save()
        if confirmed:
            audit_log(action="account.two_factor_enabled", actor=user, target=user)
    return device


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str, request: HttpRequest) -> bool:
    """Confirm a new authenticator app with its first code. It replaces the apps linked
    before, so a lost or sold phone stops working (see ``reauth`` for who may do this)."""
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        replaced, _per_model = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        audit_log(
            action="account.two_factor_enabled",
            actor=user,
            target=user,
            request=request,
            details={"replaced": replaced},
        )
    otp_login(request, device)
    return True


def backup_codes_create(*, user: User, codes: list[str] | None = None, request: HttpRequest | None = None) -> list[str]:
    """New one-time backup codes; old ones stop working. Returns them (shown once)."""
    codes = codes or [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(user=user, name="backup")
        device.token_set.all().delete()
        for code in codes:
            StaticToken.objects.create(device=device, token=code)
        audit_log(
            action="account.backup_codes_created",
            actor=user,
            target=user,
            request=request,
            details={"count": len(codes)},
        )
    return codes


def login_locked_message(lock: throttle.Lock) -> str:
    return _(
        "There were too many failed attempts with this user name. For safety, logging in with it is paused "
        "for %(minutes)s minutes. Contact your administrator if you did not do this."
    ) % {"minutes": lock.minutes}


def _account(username: str) -> User | None:
    """The account a typed user name belongs to, for the audit event's organisation."""
    return User.objects.filter(username=username).first()


def user_login_check_lock(*, request: HttpRequest, username: str) -> throttle.Lock | None:
    """Before a password is checked: is this user name locked for this client? A refused
    attempt is audited (in the organisation of the user name, if it exists)."""
    lock = throttle.login_lock(username=username, request=request)
    if lock is not None:
        audit_log(
            action="account.login_refused", target=_account(username), request=request, details={"scope": lock.scope}
        )
    return lock


def user_login_failed(
    *, request: HttpRequest, username: str, action: str = "account.login_failed"
) -> throttle.Lock | None:
    """Count and audit a wrong password; returns the lock it caused, if any.

    The events go to the organisation of the user name that was tried; for an unknown user
    name they belong to no organisation and hold no trace of what was typed.
    """
    lock = throttle.login_failure_register(username=username, request=request)
    account = _account(username)
    with transaction.atomic():
        audit_log(action=action, target=account, request=request)
        if lock is not None:
            audit_log(
                action="account.locked_out",
                target=account,
                request=request,
                details={"scope": lock.scope, "minutes": lock.minutes},
            )
    return lock


def user_login(*, request: HttpRequest, user: User) -> None:
    throttle.login_success_register(username=user.get_username(), request=request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    reauth.mark_password_confirmed(request)
    audit_log(action="account.login", actor=user, target=user, request=request)


def _check_password(*, request: HttpRequest, user: User, password: str, field: str = "password") -> None:
    """The logged-in user's own password, throttled like a log-in; raises ValidationError
    (on ``field`` for a wrong password)."""
    username = user.get_username()
    lock = user_login_check_lock(request=request, username=username)
    if lock is None and not user.check_password(password):
        lock = user_login_failed(request=request, username=username, action="account.reauth_failed")
        if lock is None:
            raise ValidationError({field: _("The password is not correct.")})
    if lock is not None:
        raise ValidationError(login_locked_message(lock))
    throttle.login_success_register(username=username, request=request)


def user_reauthenticate(*, request: HttpRequest, user: User, password: str) -> None:
    """Confirm the password again before a change to how the user logs in (``reauth``)."""
    _check_password(request=request, user=user, password=password)
    reauth.mark_password_confirmed(request)
    audit_log(action="account.reauthenticated", actor=user, target=user, request=request)


def user_password_change(*, request: HttpRequest, user: User, current_password: str, new_password: str) -> None:
    """Change one's own password. This session stays logged in; every other session of
    the user ends (Django checks each session against the password hash)."""
    _check_password(request=request, user=user, password=current_password, field="current_password")
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.messages})
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_log(action="account.password_changed", actor=user, target=user, request=request)
    update_session_auth_hash(request, user)
    reauth.mark_password_confirmed(request)


def user_login_unlock(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """An administrator of the user's organisation lifts the log-in locks of the user name."""
    if not access.can_manage_users(by) or by.organisation_id != user.organisation_id:
        raise PermissionDenied
    with transaction.atomic():
        cleared = throttle.login_locks_clear(username=user.get_username())
        audit_log(
            action="account.login_unlocked", actor=by, target=user, request=request, details={"counters": cleared}
        )


def user_verify_second_factor(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a TOTP or backup code against the user's devices; log in the device on success."""
    token = token.replace(" ", "")
    for device_model in (TOTPDevice, StaticDevice):
        for device in device_model.objects.filter(user=user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                audit_log(
                    action="account.two_factor_verified",
                    actor=user,
                    target=user,
                    request=request,
                    details={"method": "backup" if device_model is StaticDevice else "totp"},
                )
                return True
    audit_log(action="account.two_factor_failed", actor=user, target=user, request=request)
    return False


def user_logout(*, request: HttpRequest) -> None:
    from django.contrib.auth import logout

    user: Any = request.user
    if user.is_authenticated:
        audit_log(action="account.logout", actor=user, target=user, request=request)
    logout(request)
