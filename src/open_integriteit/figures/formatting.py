"""How a figure's number reads: the same for a counted figure, an entered total and a survey
indicator, in the active language's number format."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .registry import Number, Unit


def plain_number(value: Number) -> str:
    """Whole numbers without decimals, others with at most two (trailing zeros dropped)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return number_format(int(number), force_grouping=True)
    places = 1 if number * 10 == (number * 10).to_integral_value() else 2
    return number_format(number, decimal_pos=places, force_grouping=True)


def figure_value(value: Number | None, unit: str = Unit.COUNT) -> str:
    """``36%``, ``€ 1.250`` (amounts in whole euros), ``7,2``; an em dash for nothing recorded."""
    if value is None:
        return "—"
    text = plain_number(value)
    if unit == Unit.PERCENT:
        return _("%(number)s%%") % {"number": text}
    if unit == Unit.EUROS:
        return _("€ %(number)s") % {"number": plain_number(Decimal(value).quantize(Decimal(1)))}
    return text


def difference_value(value: Number, unit: str = Unit.COUNT) -> str:
    """A difference between two measurements: in percentage points for percentages."""
    text = plain_number(abs(Decimal(value)))
    if unit == Unit.PERCENT:
        return _("%(number)s percentage points") % {"number": text}
    return figure_value(abs(Decimal(value)), unit)
