"""How many months a registered period lasts for an organisation: its own choice, else the default."""

from __future__ import annotations

from . import registry
from .models import RetentionPeriod


class PeriodTable:
    """The organisations' chosen months, read once (the job reads it once per run)."""

    def __init__(self, *, organisation_id: int | None = None) -> None:
        rows = RetentionPeriod.objects.all()
        if organisation_id is not None:
            rows = rows.filter(organisation_id=organisation_id)
        self._chosen = {(row.organisation_id, row.key): row.months for row in rows}
        self._defaults = {key: period.default_months for key, period in registry.periods().items()}

    def __call__(self, organisation_id: int, key: str) -> int:
        chosen = self._chosen.get((organisation_id, key))
        return chosen if chosen is not None else self._defaults[key]


def months_for(*, organisation_id: int, key: str) -> int:
    return PeriodTable(organisation_id=organisation_id)(organisation_id, key)
