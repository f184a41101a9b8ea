"""Access to the confidential advisers' contact log (ADR 0009).

A confidential adviser whose account keeps an adviser's log sees and edits that log only;
the coordinator sees counts per year and topic (never a single contact) and manages the
topics and advisers. Nobody else: not the administrator, not another organisation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from open_integriteit.accounts.models import Role, User
from open_integriteit.consultations.models import Adviser, AdviserKind

from . import roles


def own_log(user: Any) -> Adviser | None:
    """The adviser whose log this user keeps, if any."""
    if not roles.holds(user, Role.CONFIDENTIAL_ADVISER):
        return None
    return Adviser.objects.filter(user=user, organisation_id=user.organisation_id, active=True).first()


def can_keep_log(user: Any, adviser: Adviser | None = None) -> bool:
    """Keep a contact log: the user's own (``adviser`` given: this one must be it)."""
    log = own_log(user)
    return log is not None and (adviser is None or log.pk == adviser.pk)


def can_enter_year_totals(user: Any) -> bool:
    """External services that do not log contact by contact enter totals per year."""
    log = own_log(user)
    return log is not None and log.kind == AdviserKind.EXTERNAL


def can_oversee(user: Any, organisation_id: int | None = None) -> bool:
    """The coordinator's counts, topics and advisers (of the own organisation)."""
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user)


def may_keep_a_log(person: Any) -> bool:
    """Whether an account may be linked to an adviser's log: a confidential adviser who is
    not a coordinator or administrator (the adviser is independent of the reporting point)."""
    return roles.holds(person, Role.CONFIDENTIAL_ADVISER) and not roles.holds(
        person, Role.COORDINATOR, Role.ADMINISTRATOR
    )


def possible_log_keepers(organisation_id: int) -> QuerySet[User]:
    return roles.content_staff_of(organisation_id, Role.CONFIDENTIAL_ADVISER).exclude(
        pk__in=roles.coordinators_of(organisation_id).values("pk")
    )
