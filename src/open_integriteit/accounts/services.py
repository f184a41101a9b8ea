"""Writes on accounts: users, roles, two-factor devices, logins. Every one is audited."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth import login, password_validation, update_session_auth_hash
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.access import administration as access
from open_integriteit.audit.services import audit_log
from open_integriteit.core import ratelimit

from . import reauth, throttle
from .models import Role, RoleAssignment, User

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.organisations.models import Organisation

BACKUP_CODE_COUNT = 10
# A password link works once, and for this long.
PASSWORD_RESET_HOURS = 2
# Asking for password links: per client address, and per account.
PASSWORD_RESET_CLIENT_LIMIT = ratelimit.Limit("password-reset-client", 10, 3600)
PASSWORD_RESET_ACCOUNT_LIMIT = ratelimit.Limit("password-reset-account", 3, 3600)


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
            # A start password an administrator chose (and passed on) is replaced at first log-in.
            user.must_change_password = by is not None
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
    """Give a role. A content role given by an administrator waits for a coordinator or a
    second administrator (``role_approve``); any other role counts at once."""
    _check_administrator(by, user)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    pending = access.needs_approval(role, by)
    with transaction.atomic():
        _obj, created = RoleAssignment.objects.get_or_create(
            user=user,
            role=role,
            defaults={"granted_by": by, "approved_at": None if pending else timezone.now()},
        )
        if created:
            audit_log(
                action="account.role_proposed" if pending else "account.role_granted",
                actor=by,
                target=user,
                request=request,
                details={"role": role},
            )
    user.__dict__.pop("role_set", None)


def role_approve(*, assignment: RoleAssignment, by: User, request: HttpRequest | None = None) -> None:
    """A coordinator of the organisation or another administrator approves a waiting role:
    from now on it counts. Never the one who gave it, nor the one who receives it."""
    if not access.can_approve_role(by, assignment):
        raise PermissionDenied
    if not assignment.is_pending:
        raise ValidationError(_("This role has already been approved."))
    with transaction.atomic():
        assignment.approved_at = timezone.now()
        assignment.approved_by = by
        assignment.save(update_fields=["approved_at", "approved_by"])
        audit_log(
            action="account.role_approved",
            actor=by,
            target=assignment.user,
            request=request,
            details={"role": assignment.role, "granted_by": assignment.granted_by_id},
        )
    assignment.user.__dict__.pop("role_set", None)


def role_refuse(*, assignment: RoleAssignment, by: User, request: HttpRequest | None = None) -> None:
    """Refuse a waiting role: it is removed, as if it had never been given."""
    if not access.can_approve_role(by, assignment):
        raise PermissionDenied
    if not assignment.is_pending:
        raise ValidationError(_("This role has already been approved."))
    with transaction.atomic():
        user, role, granted_by = assignment.user, assignment.role, assignment.granted_by_id
        assignment.delete()
        audit_log(
            action="account.role_refused",
            actor=by,
            target=user,
            request=request,
            details={"role": role, "granted_by": granted_by},
        )
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
    if user.check_password(new_password):
        raise ValidationError({"new_password": _("Choose a password that differs from the current one.")})
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit_log(action="account.password_changed", actor=user, target=user, request=request)
    update_session_auth_hash(request, user)
    reauth.mark_password_confirmed(request)


def _check_manages(by: User, user: User) -> None:
    if not access.can_manage_user(by, user):
        raise PermissionDenied


def user_deactivate(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """End an account without removing it: the person can no longer log in (every session
    ends at its next request), their name stays in timelines and the trail."""
    _check_manages(by, user)
    if not user.is_active:
        return
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_log(action="account.deactivated", actor=by, target=user, request=request)
    user.__dict__.pop("role_set", None)


def user_reactivate(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """Open a deactivated account again, with the roles it had."""
    _check_manages(by, user)
    if user.is_active:
        return
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_log(action="account.reactivated", actor=by, target=user, request=request)
    user.__dict__.pop("role_set", None)


def user_two_factor_reset(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """Unlink the authenticator app and backup codes (a lost phone): at the next log-in the
    person links an app again before anything else."""
    _check_manages(by, user)
    with transaction.atomic():
        removed, _per_model = TOTPDevice.objects.filter(user=user).delete()
        codes, _per_model = StaticDevice.objects.filter(user=user).delete()
        audit_log(
            action="account.two_factor_reset",
            actor=by,
            target=user,
            request=request,
            details={"devices": removed + codes},
        )


class PasswordResetTokens(PasswordResetTokenGenerator):
    """Django's password-reset tokens: they stop working once the password (or the last
    log-in) changes, so a link works once; here also after ``PASSWORD_RESET_HOURS``."""

    key_salt = "open_integriteit.accounts.PasswordResetTokens"

    def check_token(self, user: Any, token: str | None) -> bool:
        if not (user and token and super().check_token(user, token)):
            return False
        try:
            made_at = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - made_at <= PASSWORD_RESET_HOURS * 3600


password_reset_tokens = PasswordResetTokens()


def _password_reset_mail(*, user: User, request: HttpRequest) -> None:
    """A link to set a new password; nothing else about the account or any report."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = request.build_absolute_uri(
        reverse("accounts:password_reset_confirm", args=[uid, password_reset_tokens.make_token(user)])
    )
    subject = _("Set a new password")
    body = _(
        "Someone asked to set a new password for your account, or your administrator did.\n\n"
        "Open this link to choose a new password. It works once, for %(hours)s hours:\n%(link)s\n\n"
        "Did you not ask for this? Then ignore this message: your password stays as it is."
    ) % {"hours": PASSWORD_RESET_HOURS, "link": link}
    email = user.email
    transaction.on_commit(lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[email]))


def password_reset_request(*, request: HttpRequest, identifier: str) -> None:
    """Forgot password: mail a link to the active account with this user name or e-mail
    address. The caller answers the same whatever happens here (an account exists or not,
    the limit is reached), so nobody learns which accounts exist."""
    client = ratelimit.hit(PASSWORD_RESET_CLIENT_LIMIT, ratelimit.client_subject(request))
    identifier = identifier.strip()
    accounts = list(
        User.objects.filter(Q(username=identifier) | Q(email__iexact=identifier), is_active=True)
        .exclude(email="")
        .filter(organisation__isnull=False)[:2]
    )
    account = accounts[0] if len(accounts) == 1 else None  # an e-mail address shared by two: no link
    with transaction.atomic():
        if client.exceeded:
            audit_log(action="account.password_reset_throttled", target=account, request=request)
            return
        if account is not None and ratelimit.hit(PASSWORD_RESET_ACCOUNT_LIMIT, str(account.pk)).exceeded:
            audit_log(action="account.password_reset_throttled", target=account, request=request)
            return
        audit_log(action="account.password_reset_requested", target=account, request=request)
        if account is not None:
            _password_reset_mail(user=account, request=request)


def user_password_reset_send(*, user: User, by: User, request: HttpRequest) -> None:
    """An administrator sends a colleague a password link. Until the colleague has chosen a
    new password (by the link, or at the next log-in) they can do nothing else."""
    _check_manages(by, user)
    if not user.email:
        raise ValidationError(_("This user has no e-mail address, so no link can be sent."))
    if not user.is_active:
        raise ValidationError(_("This user is deactivated. Reactivate the account first."))
    with transaction.atomic():
        user.must_change_password = True
        user.save(update_fields=["must_change_password"])
        audit_log(action="account.password_reset_sent", actor=by, target=user, request=request)
        _password_reset_mail(user=user, request=request)


def password_reset_user(*, uidb64: str, token: str) -> User | None:
    """The active account a password link belongs to, if the link still works."""
    from django.utils.http import urlsafe_base64_decode

    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True, organisation__isnull=False).first()
    if user is None or not password_reset_tokens.check_token(user, token):
        return None
    return user


def user_password_reset(*, request: HttpRequest, user: User, token: str, new_password: str) -> None:
    """Set the password chosen through a mailed link (which then stops working)."""
    if not password_reset_tokens.check_token(user, token):
        raise PermissionDenied
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.messages})
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit_log(action="account.password_reset_done", actor=user, target=user, request=request)
    throttle.login_locks_clear(username=user.get_username())


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
