"""Writes on per-organisation lists. Keep it small: seeding, adding an own entry, switching an
entry or a whole typology on and off. Entries are never deleted: records keep pointing at
them. Audit details hold the list kind and codes only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.access.lists import can_manage_list
from open_integriteit.audit.services import audit_log
from open_integriteit.core.codes import unique_code

from . import registry
from .models import ListEntry
from .selectors import entries

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation

    from .registry import ListKind


def _require_manager(by: User, kind: ListKind, organisation_id: int) -> None:
    if not can_manage_list(by, kind=kind, organisation_id=organisation_id):
        raise PermissionDenied


def list_seed_defaults(*, organisation: Organisation) -> None:
    """Give an organisation the default entries of every registered list. Idempotent: an
    entry that exists (by code) is left as it is. Only the default group of a list with
    several typologies is switched on (chosen by the kind of organisation)."""
    for kind in registry.kinds():
        active_groups = kind.active_groups_for(organisation)
        for group in kind.standard_groups:
            for position, default in enumerate(group.defaults, start=1):
                ListEntry.objects.get_or_create(
                    organisation=organisation,
                    kind=kind.code,
                    code=default.code,
                    defaults={
                        "group": group.code,
                        "name_nl": default.name_nl,
                        "name_en": default.name_en,
                        "position": position,
                        "active": group.code in active_groups,
                    },
                )


def list_entry_create(
    *,
    organisation: Organisation,
    kind: str,
    by: User,
    name_nl: str,
    name_en: str = "",
    request: HttpRequest | None = None,
) -> ListEntry:
    """Add an own entry at the end of the list (in the kind's own group)."""
    list_kind = registry.get(kind)
    _require_manager(by, list_kind, organisation.pk)
    name_nl, name_en = name_nl.strip(), name_en.strip()
    existing = entries(organisation=organisation, kind=kind)
    if existing.filter(name_nl__iexact=name_nl).exists():
        raise ValidationError({"name_nl": _("This list already has an entry with this name.")})
    with transaction.atomic():
        last = existing.filter(group=list_kind.own_group).order_by("-position").first()
        entry = ListEntry(
            organisation=organisation,
            kind=kind,
            group=list_kind.own_group,
            code=unique_code(existing, name_nl, fallback=list_kind.code_fallback),
            name_nl=name_nl,
            name_en=name_en or name_nl,
            position=(last.position if last else 0) + 1,
        )
        entry.full_clean()
        entry.save()
        audit_log(
            action="list_entry.created",
            actor=by,
            target=entry,
            request=request,
            details={"kind": kind, "code": entry.code},
        )
    return entry


def list_entry_set_active(*, entry: ListEntry, by: User, active: bool, request: HttpRequest | None = None) -> ListEntry:
    """Switch an entry on or off for new records; records keep the entry they have."""
    _require_manager(by, registry.get(entry.kind), entry.organisation_id)
    with transaction.atomic():
        entry.active = active
        entry.save(update_fields=["active"])
        audit_log(
            action="list_entry.activated" if active else "list_entry.deactivated",
            actor=by,
            target=entry,
            request=request,
            details={"kind": entry.kind, "code": entry.code},
        )
    return entry


def list_group_choose(
    *, organisation: Organisation, kind: str, group: str, by: User, request: HttpRequest | None = None
) -> None:
    """Use one standard group (typology) instead of the others: its entries are switched on,
    the entries of the other standard groups off. The organisation's own entries stay as
    they are, and records keep the entries they have."""
    list_kind = registry.get(kind)
    _require_manager(by, list_kind, organisation.pk)
    standard = {g.code for g in list_kind.standard_groups}
    if group not in standard:
        raise ValidationError(_("Choose one of the standard lists."))
    with transaction.atomic():
        qs = entries(organisation=organisation, kind=kind)
        qs.filter(group=group).update(active=True)
        qs.filter(group__in=standard - {group}).update(active=False)
        audit_log(
            action="list.group_chosen",
            actor=by,
            organisation_id=organisation.pk,
            request=request,
            details={"kind": kind, "group": group},
        )
