from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.access.administration import can_manage_users

from .models import RoleAssignment, User


def user_has_totp(*, user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def active_users_with_role(*, role: str) -> QuerySet[User]:
    """For background jobs, which have no user to scope by: active users holding ``role``
    in an organisation."""
    return User.objects.filter(is_active=True, organisation__isnull=False, role_assignments__role=role).distinct()


def user_list_for_administrator(*, user: Any) -> QuerySet[User]:
    if not can_manage_users(user):
        raise Http404
    return (
        User.objects.filter(organisation_id=user.organisation_id)
        .prefetch_related("role_assignments")
        .order_by("username")
    )


def user_get_for_administrator(*, user: Any, pk: int) -> User:
    target = user_list_for_administrator(user=user).filter(pk=pk).first()
    if target is None:
        raise Http404
    return target


def roles_held(*, user: User) -> frozenset[str]:
    """The roles recorded for a user (what an administrator edits), whatever they allow."""
    return frozenset(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
