"""Throttling of failed staff log-ins (ADR 0012).

Two counters per attempted user name, so that nobody can keep a colleague out by typing
wrong passwords under her name, while guessing stays bounded:

- per user name *and* client address: ``OI_LOGIN_FAILURE_LIMIT`` (5) failures lock that
  combination only. Someone at another address — the real coordinator at her desk —
  still logs in.
- per user name, from all addresses together: ``OI_LOGIN_USER_FAILURE_LIMIT`` (50)
  failures lock the user name everywhere. Only a guesser with many addresses gets there.

A lock lasts ``OI_LOGIN_COOLOFF_MINUTES``; attempts refused during a lock are not counted
(they do not extend it), and failures older than the cool-off time are forgotten. A
successful log-in clears the counter of its own client, never the user-wide one. Unknown
user names are counted exactly like real ones, so a lock says nothing about whether a
name exists. User names and addresses are stored only as HMACs under SECRET_KEY.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from open_integriteit.core.client import client_address

from .models import LoginThrottle

CLIENT = "client"
USER = "user"


@dataclass(frozen=True)
class Lock:
    scope: str  # CLIENT: this user name from this address; USER: this user name everywhere
    until: dt.datetime

    @property
    def minutes(self) -> int:
        return settings.OI_LOGIN_COOLOFF_MINUTES


def _digest(kind: str, value: str) -> str:
    message = f"login-throttle:{kind}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _keys(username: str, request: HttpRequest) -> tuple[str, str]:
    return _digest("user", username), _digest("client", client_address(request))


def _cooloff() -> dt.timedelta:
    return dt.timedelta(minutes=settings.OI_LOGIN_COOLOFF_MINUTES)


def login_lock(*, username: str, request: HttpRequest) -> Lock | None:
    """The lock that now stops this user name from this client, if any (user-wide first)."""
    user_key, client_key = _keys(username, request)
    rows = LoginThrottle.objects.filter(
        username_digest=user_key, client_digest__in=["", client_key], locked_until__gt=timezone.now()
    )
    locks = sorted(
        (Lock(USER if not row.client_digest else CLIENT, row.locked_until) for row in rows if row.locked_until),
        key=lambda lock: lock.scope != USER,
    )
    return locks[0] if locks else None


def login_failure_register(*, username: str, request: HttpRequest) -> Lock | None:
    """Count one failure in both counters, atomically; returns the lock this failure set
    (the user-wide one first), or None when it set none."""
    user_key, client_key = _keys(username, request)
    now = timezone.now()
    new_locks: list[Lock] = []
    with transaction.atomic():
        LoginThrottle.objects.filter(last_failure_at__lt=now - _cooloff()).delete()
        for scope, client_digest, limit in (
            (USER, "", settings.OI_LOGIN_USER_FAILURE_LIMIT),
            (CLIENT, client_key, settings.OI_LOGIN_FAILURE_LIMIT),
        ):
            row, _created = LoginThrottle.objects.select_for_update().get_or_create(
                username_digest=user_key, client_digest=client_digest, defaults={"last_failure_at": now}
            )
            row.failures += 1
            row.last_failure_at = now
            if row.failures >= limit and not (row.locked_until and row.locked_until > now):
                row.locked_until = now + _cooloff()
                new_locks.append(Lock(scope, row.locked_until))
            row.save()
    return new_locks[0] if new_locks else None


def login_success_register(*, username: str, request: HttpRequest) -> None:
    """A correct password: forget this client's failures (the user-wide count stays)."""
    user_key, client_key = _keys(username, request)
    LoginThrottle.objects.filter(username_digest=user_key, client_digest=client_key).delete()


def login_locks_clear(*, username: str) -> int:
    """Lift every lock and forget every failure of a user name (an administrator's decision)."""
    deleted, _per_model = LoginThrottle.objects.filter(username_digest=_digest("user", username)).delete()
    return deleted
