"""Who decides that someone is implicated in a report or case, and who withdraws a mark
that was a mistake (ADR 0006, ADR 0015).

Being implicated takes a report or case away from a person at once, so the decision
belongs to the reporting point: a coordinator who sees the report or case. Only where the
matter concerns a coordinator — the person to mark is one, or one is implicated in it
already — may the case principal who handles it decide too; otherwise a report about the
coordinator would be left to the coordinator's own colleagues. Investigators and other
handlers never decide: when they name a subject who has an account, the deciders are
asked. Nobody decides about themselves. Whoever may mark a person may also withdraw that
person's mark, with a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from open_integriteit.accounts.models import Role, User

from . import roles


def people_decided_by(
    user: Any, *, organisation_id: int, sees: bool, about_a_coordinator: Callable[[], bool]
) -> QuerySet[User]:
    """Everyone whose implication ``user`` decides on one report or case."""
    if not sees:
        return User.objects.none()
    others = User.objects.filter(organisation_id=organisation_id).exclude(pk=user.pk)
    if roles.is_coordinator(user):
        return others
    if roles.holds(user, Role.CASE_PRINCIPAL):
        if about_a_coordinator():
            return others
        return others.filter(pk__in=roles.coordinators_of(organisation_id).values("pk"))
    return User.objects.none()


def concerns_a_coordinator(organisation_id: int, implicated_user_ids: QuerySet[Any]) -> bool:
    return roles.coordinators_of(organisation_id).filter(pk__in=implicated_user_ids).exists()
