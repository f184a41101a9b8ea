"""Writes of the retention registry. Keep it small: typed, keyword-only, atomic, audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.audit.services import audit_log

from . import registry
from .models import RetentionPeriod
from .selectors import user_manages_retention

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation


def retention_periods_set(
    *, organisation: Organisation, by: User, months: dict[str, int], request: HttpRequest | None = None
) -> int:
    """Set the organisation's months for the given periods; returns how many changed.

    A period set to its default keeps no row of its own, so it follows the default."""
    if not user_manages_retention(user=by, organisation_id=organisation.pk):
        raise PermissionDenied
    known = registry.periods()
    errors = {}
    for key, value in months.items():
        if key not in known:
            errors[key] = _("Unknown retention period.")
        elif not registry.MIN_MONTHS <= value <= registry.MAX_MONTHS:
            errors[key] = _("Choose between %(min)d and %(max)d months.") % {
                "min": registry.MIN_MONTHS,
                "max": registry.MAX_MONTHS,
            }
    if errors:
        raise ValidationError(errors)
    changed = 0
    with transaction.atomic():
        current = {p.key: p for p in RetentionPeriod.objects.select_for_update().filter(organisation=organisation)}
        for key, value in months.items():
            row = current.get(key)
            if value == (row.months if row else known[key].default_months):
                continue
            changed += 1
            if value == known[key].default_months:
                RetentionPeriod.objects.filter(pk=row.pk).delete()  # type: ignore[union-attr]
            else:
                RetentionPeriod.objects.update_or_create(organisation=organisation, key=key, defaults={"months": value})
        if changed:
            audit_log(
                action="retention.policy_changed",
                actor=by,
                organisation_id=organisation.pk,
                request=request,
                details={"changed": changed},
            )
    return changed
