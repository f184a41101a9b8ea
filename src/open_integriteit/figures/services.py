"""Writes of the figures app, and the guard every app's record-creating service calls.

A year has either records or an entered total for a figure, never both: entering a total
is refused while records of that figure exist in that year, and recording something dated
in a year that has an entered total is refused with a Dutch message (``refuse_when_entered``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import EnteredTotal


def refuse_when_entered(*, organisation: Any, keys: Iterable[str], on: dt.date | int, field: str | None = None) -> None:
    """Raise ``ValidationError`` when any of ``keys`` has an entered total in the year of ``on``.

    Call it inside the service's transaction, before saving a record that a figure with
    one of these keys would count in that year. ``field`` names the form field the message
    belongs to (the date), so the form shows it there and keeps what the user typed.
    """
    year = on if isinstance(on, int) else on.year
    keys = list(keys)
    if not keys or not EnteredTotal.objects.filter(organisation=organisation, year=year, key__in=keys).exists():
        return
    message = _(
        "For %(year)s a total was entered by hand instead of records. Remove that total first "
        "(Figures of earlier years), or choose a date in another year."
    ) % {"year": year}
    raise ValidationError({field: message} if field else message)
