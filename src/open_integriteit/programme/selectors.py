"""Reads of the annual programme, scoped by who asks (``access.programme``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from open_integriteit.access import programme as access

from .models import Action


def _with_links(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related("owner", "carried_from", "carried_to").order_by("quarter", "deadline", "pk")


def year_for_user(*, user: Any, year: int) -> list[Action]:
    if not access.can_manage_programme(user):
        raise Http404
    return list(_with_links(access.actions_visible_to(user).filter(year=year)))


def action_for_user(*, user: Any, pk: int) -> Action:
    action = access.actions_visible_to(user).select_related("owner", "carried_from").filter(pk=pk).first()
    if action is None:
        raise Http404
    return action
