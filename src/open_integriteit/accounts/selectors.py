from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.access.administration import can_approve_role, can_approve_roles, can_manage_users

from .models import RoleAssignment, User


def user_has_totp(*, user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def active_users_with_role(*, role: str) -> QuerySet[User]:
    """For background jobs, which have no user to scope by: active users holding ``role``
    in an organisation."""
    return User.objects.filter(
        is_active=True,
        organisation__isnull=False,
        role_assignments__role=role,
        role_assignments__approved_at__isnull=False,
    ).distinct()


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


def roles_pending(*, user: User) -> frozenset[str]:
    """The recorded roles of a user that wait for approval (they do not count yet)."""
    return frozenset(RoleAssignment.objects.filter(user=user, approved_at__isnull=True).values_list("role", flat=True))


def pending_roles_for_approver(*, user: Any) -> QuerySet[RoleAssignment]:
    """Content roles waiting for approval in the user's organisation (coordinators and
    administrators; anyone else gets 404). Includes those the user may not decide on
    themselves (given by or to them): the page says so."""
    if not can_approve_roles(user):
        raise Http404
    return (
        RoleAssignment.objects.filter(user__organisation_id=user.organisation_id, approved_at__isnull=True)
        .select_related("user", "granted_by")
        .order_by("created_at", "pk")
    )


def pending_role_get_for_approver(*, user: Any, pk: int) -> RoleAssignment:
    """A waiting role the user sees (``role_approve`` decides whether they may approve it)."""
    assignment = pending_roles_for_approver(user=user).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return assignment


def approvable(*, user: Any, assignments: Any) -> list[tuple[RoleAssignment, bool]]:
    """Each waiting role with whether this user may approve or refuse it."""
    return [(assignment, can_approve_role(user, assignment)) for assignment in assignments]
