"""The onboarding figures of a year (``figures.registry``; the rules in ADR 0025).

- A ceremony, its oaths and affirmations count in the year of the ceremony date. Own
  staff's pledges (``onboarding.oaths``, per group; ``onboarding.oath_or_affirmation``) count
  participants whose oath or affirmation was chosen; a partner organisation's counts are
  apart (``onboarding.partner_oaths``) and never in the own figures.
- An integrity statement counts in the year it was signed, a certificate of conduct in the
  year it was received (only those received).
- ``onboarding.overdue_at_year_end``: the people overdue on 31 December (``duty``), per kind
  of person; for the running year the state of today (nothing is projected ahead).

Seven queries per call whatever the number of records (four for the overdue state).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from open_integriteit.figures.counting import Tally
from open_integriteit.figures.registry import Spec, Value, year_bounds
from open_integriteit.people.models import PersonKind

from . import duty
from .models import Ceremony, CertificateOfConduct, Form, Group, IntegrityStatement, Participant, Pledge, StatementKind


def own_groups(organisation: Any) -> tuple[tuple[str, Any], ...]:
    """The breakdown rows of an entered total of oaths: the groups of own staff."""
    return tuple((value, label) for value, label in Group.choices if value != Group.PARTNER)


SPECS = (
    Spec(
        key="onboarding.oaths",
        label=_("Oaths and affirmations taken by own staff"),
        rule=_("by the date of the ceremony"),
        enterable=True,
        rows=own_groups,
    ),
    Spec(
        key="onboarding.oath_or_affirmation",
        label=_("Oath or affirmation"),
        rule=_("by the date of the ceremony"),
    ),
    Spec(
        key="onboarding.partner_oaths",
        label=_("Oaths and affirmations by a partner organisation's staff"),
        rule=_("by the date of the ceremony"),
    ),
    Spec(
        key="onboarding.ceremonies",
        label=_("Oath ceremonies held"),
        rule=_("by the date of the ceremony"),
        identifying=False,  # ceremonies, not people
    ),
    Spec(
        key="onboarding.integrity_statements",
        label=_("Integrity statements signed"),
        rule=_("by the date of signing"),
    ),
    Spec(
        key="onboarding.certificates_of_conduct",
        label=_("Certificates of conduct (VOG) received"),
        rule=_("by the date of receipt"),
    ),
    Spec(
        key="onboarding.overdue_at_year_end",
        label=_("People overdue for the oath or affirmation on 31 December"),
        rule=_("the state on 31 December"),
    ),
)


def _value(counts: Counter[str], labels: dict[str, Any]) -> Value:
    tally = Tally(labels)
    for key, number in counts.items():
        if number:
            tally.add(key, number)
    return tally.value()


def figures(*, organisation: Any, year: int) -> dict[str, Value]:
    start, end = year_bounds(year)
    in_year = {"held_on__gte": start, "held_on__lt": end}
    ceremonies = Ceremony.objects.filter(organisation=organisation, **in_year)

    by_group: Counter[str] = Counter()
    by_pledge: Counter[str] = Counter()
    for group, pledge, n in (
        Participant.objects.filter(ceremony__in=ceremonies.exclude(group=Group.PARTNER))
        .exclude(pledge="")
        .values("ceremony__group", "pledge")
        .annotate(n=Count("pk"))
        .values_list("ceremony__group", "pledge", "n")
    ):
        by_group[group] += n
        by_pledge[pledge] += n

    partners: Counter[str] = Counter()
    for name, oaths, affirmations in (
        ceremonies.filter(group=Group.PARTNER)
        .values("partner_name")
        .annotate(o=Sum("partner_oaths"), a=Sum("partner_affirmations"))
        .values_list("partner_name", "o", "a")
    ):
        partners[name] += (oaths or 0) + (affirmations or 0)

    forms: Counter[str] = Counter(dict(ceremonies.values("form").annotate(n=Count("pk")).values_list("form", "n")))
    statements: Counter[str] = Counter(
        dict(
            IntegrityStatement.objects.filter(organisation=organisation, signed_on__gte=start, signed_on__lt=end)
            .values("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        )
    )
    certificates: Counter[str] = Counter(
        dict(
            CertificateOfConduct.objects.filter(
                organisation=organisation, received=True, received_on__gte=start, received_on__lt=end
            )
            .values("screening_profile")
            .annotate(n=Count("pk"))
            .values_list("screening_profile", "n")
        )
    )
    year_end = min(dt.date(year, 12, 31), timezone.localdate())
    overdue: Counter[str] = Counter(
        o.person.kind for o in duty.overdue_on(organisation_id=organisation.pk, day=year_end)
    )
    return {
        "onboarding.oaths": _value(by_group, dict(Group.choices)),
        "onboarding.oath_or_affirmation": _value(by_pledge, dict(Pledge.choices)),
        "onboarding.partner_oaths": _value(partners, {}),
        "onboarding.ceremonies": _value(forms, dict(Form.choices)),
        "onboarding.integrity_statements": _value(statements, dict(StatementKind.choices)),
        "onboarding.certificates_of_conduct": _value(certificates, {}),
        "onboarding.overdue_at_year_end": _value(overdue, dict(PersonKind.choices)),
    }
