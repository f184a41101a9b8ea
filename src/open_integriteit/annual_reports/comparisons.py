"""A figure compared with its previous measurement, written out in a sentence (issue 10).

"Het aantal ontvangen meldingen is gestegen van 2 naar 4." — the report's sentences come from
here and nowhere else, in the active language (Dutch by default, English translated):

- a count rose, fell or stayed the same; a percentage changes by percentage points; an amount
  is written in euros; a score keeps its decimals;
- the first year of a figure has no comparison: the sentence states the number;
- a previous measurement that is not the year before (surveys are not yearly) names its year;
- an entered total (a year before the system) is marked as such, in either year;
- a year without any value says so instead of comparing with nothing, and names the last
  earlier value if there is one.

The noun of the sentence is the figure's label (a plural noun phrase such as "reports
received"), its first letter lowered unless the first word is an abbreviation or a name
(VOG, Bibob).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from open_integriteit.figures.formatting import figure_value, plain_number
from open_integriteit.figures.registry import Figure, Number, Unit

# Words that keep their capital at the start of a sentence's noun phrase.
PROPER_WORDS = frozenset({"Bibob", "VOG", "MTO", "LKOG", "Wbk"})


class Direction(StrEnum):
    FIRST = "first"  # no earlier measurement
    ROSE = "rose"
    FELL = "fell"
    SAME = "same"
    MISSING = "missing"  # nothing recorded for this year


@dataclass(frozen=True)
class Comparison:
    direction: Direction
    text: str


def noun(label: object) -> str:
    text = str(label).strip()
    first = text.split(" ", 1)[0].split("-", 1)[0]
    if not text or first in PROPER_WORDS or (len(first) > 1 and first[:2].isupper()):
        return text
    return text[0].lower() + text[1:]


def format_value(value: Number, unit: str) -> str:
    """A figure's number as the report writes it: 4, 1.234, 40%, € 1.250, 7,5 (the one
    formatting of the statistics surface, ``figures.formatting``)."""
    return figure_value(value, unit)


def _with_year(figure: Figure, current_year: int) -> str:
    """The value, followed by its year when it is not the year before, and by "entered total"."""
    text = format_value(figure.total if figure.total is not None else 0, figure.spec.unit)
    notes = []
    if figure.year != current_year - 1:
        notes.append(str(figure.year))
    if figure.entered:
        notes.append(_("entered total"))
    return f"{text} ({', '.join(notes)})" if notes else text


def _subject(figure: Figure) -> str:
    """ "the number of …" for counts, "the share of …" for percentages."""
    values = {"noun": noun(figure.spec.label)}
    if figure.spec.unit == Unit.COUNT:
        return _("the number of %(noun)s") % values
    if figure.spec.unit == Unit.PERCENT:
        return _("the share of %(noun)s") % values
    return _("the %(noun)s") % values


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def compare(*, current: Figure, previous: Figure | None) -> Comparison:
    """``current`` against ``previous`` (the latest earlier year with a value, or None)."""
    subject = _subject(current)
    if current.total is None:
        values = {"label": current.spec.label, "year": current.year}
        if previous is None or previous.total is None:
            text = _("%(label)s: nothing was recorded for %(year)s.") % values
        else:  # the reader still learns the last known number (Bibob risk analyses 2022: 150)
            values["before"] = format_value(previous.total, previous.spec.unit)
            values["before_year"] = previous.year
            if previous.entered:
                values["before"] = f"{values['before']}, {_('entered total')}"
            text = _("%(label)s: nothing was recorded for %(year)s (%(before_year)s: %(before)s).") % values
        return Comparison(Direction.MISSING, _sentence(text))
    now = format_value(current.total, current.spec.unit)
    if current.entered:
        now = f"{now} ({_('entered total')})"
    if current.spec.unit == Unit.EUROS:
        return _amount(current, previous, now)
    if previous is None or previous.total is None:
        return Comparison(
            Direction.FIRST,
            _sentence(
                _("%(subject)s in %(year)s was %(value)s.") % {"subject": subject, "year": current.year, "value": now}
            ),
        )
    before = _with_year(previous, current.year)
    if current.total == previous.total:
        text = _("%(subject)s stayed the same: %(value)s.") % {"subject": subject, "value": now}
        return Comparison(Direction.SAME, _sentence(text))
    rose = current.total > previous.total
    values = {"subject": subject, "before": before, "after": now}
    if current.spec.unit == Unit.PERCENT:
        values["points"] = plain_number(abs(Decimal(current.total) - Decimal(previous.total)))
        text = (
            _("%(subject)s rose from %(before)s to %(after)s (%(points)s percentage points).")
            if rose
            else _("%(subject)s fell from %(before)s to %(after)s (%(points)s percentage points).")
        ) % values
    else:
        text = (
            _("%(subject)s rose from %(before)s to %(after)s.")
            if rose
            else _("%(subject)s fell from %(before)s to %(after)s.")
        ) % values
    return Comparison(Direction.ROSE if rose else Direction.FELL, _sentence(text))


def _amount(current: Figure, previous: Figure | None, now: str) -> Comparison:
    """An amount in euros, written as "<label>: rose from € … to € …" (an amount's label is
    its own noun phrase: "Costs of external support")."""
    values = {"label": current.spec.label, "year": current.year, "after": now}
    if previous is None or previous.total is None:
        return Comparison(Direction.FIRST, _sentence(_("%(label)s in %(year)s: %(after)s.") % values))
    values["before"] = _with_year(previous, current.year)
    if current.total == previous.total:
        return Comparison(Direction.SAME, _sentence(_("%(label)s: the same as before, %(after)s.") % values))
    if current.total > previous.total:  # type: ignore[operator]
        return Comparison(Direction.ROSE, _sentence(_("%(label)s: rose from %(before)s to %(after)s.") % values))
    return Comparison(Direction.FELL, _sentence(_("%(label)s: fell from %(before)s to %(after)s.") % values))


def latest_before(figures_by_year: dict[int, Figure], year: int) -> Figure | None:
    """The latest earlier year that has a value: the previous measurement of ``year``."""
    earlier = [y for y, f in figures_by_year.items() if y < year and f.total is not None]
    return figures_by_year[max(earlier)] if earlier else None
