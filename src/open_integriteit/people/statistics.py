"""Figures of the vulnerable posts for the annual report (``figures.registry``, ADR 0025).

- ``people.vulnerable_posts``: the posts on the list in force on 31 December (the latest list
  adopted on or before that day), per unit. A list adopted in the year counts from its date.
- ``people.vulnerable_lists_adopted``: lists of vulnerable posts the executive adopted in the
  year (by adoption date), per ``with_duty`` / ``without_duty`` for whether the list switched
  on the financial-interest duty for any post.
- ``people.posts_assessed``: posts whose checklist was last recorded in the year (by the date
  of the latest assessment: a post counts once, in the year it was last assessed), per unit.

Three queries at most per call, none per record.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.registry import Row, Spec, Value, year_bounds

from .models import PostAssessment, VulnerablePostList, VulnerablePostListEntry

SPECS = (
    Spec(
        key="people.vulnerable_posts",
        label=_("Vulnerable posts"),
        rule=_("posts on the adopted list in force on 31 December"),
        identifying=False,
    ),
    Spec(
        key="people.vulnerable_lists_adopted",
        label=_("Lists of vulnerable posts adopted"),
        rule=_("by the date of adoption"),
        identifying=False,
    ),
    Spec(
        key="people.posts_assessed",
        label=_("Posts assessed with the checklist of vulnerable posts"),
        rule=_("by the date of the post's latest assessment"),
        identifying=False,
    ),
)


def _per_unit(pairs: list[tuple[str, str]]) -> Value:
    """A total and a breakdown per unit code from (code, name) pairs, one per record."""
    counts = Counter(code for code, _name in pairs)
    names = dict(pairs)
    rows = tuple(Row(key=code, label=names[code], value=counts[code]) for code in sorted(counts, key=names.__getitem__))
    return Value(total=len(pairs), breakdown=rows)


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    start, end = year_bounds(year)
    result: dict[str, Value] = {}
    in_force = (
        VulnerablePostList.objects.filter(organisation=organisation, adopted_on__lt=end)
        .order_by("-adopted_on", "-pk")
        .values("pk")[:1]
    )
    on_list = list(
        VulnerablePostListEntry.objects.filter(post_list__in=in_force).values_list(
            "post__unit__code", "post__unit__name"
        )
    )
    if on_list:
        result["people.vulnerable_posts"] = _per_unit(on_list)
    adopted = list(
        VulnerablePostList.objects.filter(organisation=organisation, adopted_on__gte=start, adopted_on__lt=end)
        .annotate(duty=Count("entries", filter=Q(entries__financial_interest_duty=True)))
        .values_list("duty", flat=True)
    )
    if adopted:
        with_duty = sum(1 for n in adopted if n)
        result["people.vulnerable_lists_adopted"] = Value(
            total=len(adopted),
            breakdown=(
                Row("with_duty", _("switching on the financial-interest duty"), with_duty),
                Row("without_duty", _("without switching on the financial-interest duty"), len(adopted) - with_duty),
            ),
        )
    assessed = list(
        PostAssessment.objects.filter(
            organisation=organisation, assessed_on__gte=start, assessed_on__lt=end
        ).values_list("post__unit__code", "post__unit__name")
    )
    if assessed:
        result["people.posts_assessed"] = _per_unit(assessed)
    return result
