"""Writes to the annual programme. Keep it small: add an action, change it, carry it to the
next year."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.access import programme as access
from open_integriteit.audit.services import audit_log

from .models import FINISHED, Action, Status

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation
    from open_integriteit.people.models import Person


def _require(by: User, organisation_id: int) -> None:
    if not access.can_manage_programme(by, organisation_id):
        raise PermissionDenied


def action_add(
    *,
    organisation: Organisation,
    by: User,
    year: int,
    title: str,
    owner: Person | None = None,
    owner_text: str = "",
    theme: str = "",
    quarter: str = "",
    deadline: dt.date | None = None,
    status: str = Status.PLANNED,
    outcome: str = "",
    request: HttpRequest | None = None,
) -> Action:
    _require(by, organisation.pk)
    with transaction.atomic():
        action = Action(
            organisation=organisation,
            year=year,
            title=title,
            owner=owner,
            owner_text=owner_text,
            theme=theme,
            quarter=quarter,
            deadline=deadline,
            status=status,
            outcome=outcome,
            created_by=by,
        )
        action.full_clean()
        action.save()
        audit_log(action="programme.action_added", actor=by, target=action, request=request, details={"year": year})
    return action


def action_update(
    *,
    action: Action,
    by: User,
    title: str,
    owner: Person | None,
    owner_text: str,
    theme: str,
    quarter: str,
    deadline: dt.date | None,
    status: str,
    outcome: str,
    request: HttpRequest | None = None,
) -> Action:
    _require(by, action.organisation_id)
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        action.title = title
        action.owner = owner
        action.owner_text = owner_text
        action.theme = theme
        action.quarter = quarter
        action.deadline = deadline
        action.status = status
        action.outcome = outcome
        action.full_clean()
        action.save()
        audit_log(
            action="programme.action_updated", actor=by, target=action, request=request, details={"status": status}
        )
    return action


def action_carry(*, action: Action, by: User, request: HttpRequest | None = None) -> Action:
    """Carry an unfinished action to the next year: a planned copy that links to it.

    Safe against a double submit or a reload: the origin is locked, and an action already
    carried returns its copy (the one-to-one ``carried_from`` makes a second copy
    impossible even so)."""
    _require(by, action.organisation_id)
    with transaction.atomic():
        origin = Action.objects.select_for_update().get(pk=action.pk)
        existing = Action.objects.filter(carried_from=origin).first()
        if existing is not None:
            return existing
        if origin.status in FINISHED:
            raise ValidationError(_("A finished action (done or cancelled) is not carried to the next year."))
        copy = Action(
            organisation_id=origin.organisation_id,
            year=origin.year + 1,
            title=origin.title,
            owner=origin.owner,
            owner_text=origin.owner_text,
            theme=origin.theme,
            quarter=origin.quarter,
            deadline=None,  # a deadline of the old year does not fit the new one
            status=Status.PLANNED,
            carried_from=origin,
            created_by=by,
        )
        copy.full_clean()
        copy.save()
        audit_log(
            action="programme.action_carried",
            actor=by,
            target=copy,
            request=request,
            details={"from": origin.pk, "year": copy.year},
        )
    return copy
