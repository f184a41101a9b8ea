"""The trainings' figures through ``figures.registry.year_figures``: built with the services,
counted in exactly one year by the session date (31 December / 1 January), participants
linked plus head counts, an entered total instead of records, and the compliance on 31
December in percent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from open_integriteit.figures import registry
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.trainings import services
from open_integriteit.trainings.models import Scope

from .conftest import TrainingWorld
from .test_trainings import requirement, session

pytestmark = pytest.mark.django_db


def rows(figure: registry.Figure) -> dict[str, object]:
    return {row.key: row.value for row in figure.breakdown}


def test_sessions_and_participants_per_kind_by_the_session_date(tw: TrainingWorld) -> None:
    session(tw, dt.date(2024, 12, 31), people=["1003", "1004"])
    session(tw, dt.date(2025, 1, 1), heads=150)
    session(tw, dt.date(2025, 6, 1), people=["1001"], kind="webinar")
    session(tw, dt.date(2025, 12, 31), heads=20, kind="webinar")
    session(tw, dt.date(2026, 1, 1), heads=99)
    y2024 = registry.year_figures(organisation=tw.org, year=2024)
    y2025 = registry.year_figures(organisation=tw.org, year=2025)
    assert y2024["trainings.sessions"].total == 1
    assert y2024["trainings.participants"].total == 2
    assert y2025["trainings.sessions"].total == 3
    assert rows(y2025["trainings.sessions"]) == {"dilemmaspel": 1, "webinar": 2}
    assert y2025["trainings.participants"].total == 171
    assert rows(y2025["trainings.participants"]) == {"dilemmaspel": 150, "webinar": 21}
    assert registry.year_figures(organisation=tw.org, year=2023)["trainings.sessions"].total is None


def test_a_year_with_an_entered_total_of_participants_takes_no_sessions(tw: TrainingWorld) -> None:
    EnteredTotal.objects.create(
        organisation=tw.org, key="trainings.participants", year=2019, total=Decimal(410), entered_by=tw.users["alice"]
    )
    with pytest.raises(ValidationError) as refused:
        session(tw, dt.date(2019, 5, 1), heads=30)
    assert "date" in refused.value.message_dict
    figure = registry.year_figures(organisation=tw.org, year=2019)["trainings.participants"]
    assert figure.entered and figure.total == Decimal(410)
    assert session(tw, dt.date(2020, 1, 1), heads=30).pk  # the next year has records


def test_mandatory_compliance_is_the_state_on_31_december(tw: TrainingWorld) -> None:
    requirement(tw, Scope.UNIT, unit=tw.unit("VTH"), months=12)  # 1003 and 1004
    requirement(tw, Scope.ALL, months=None)  # 1001..1005, once
    services.requirement_save(
        organisation=tw.org, by=tw.users["rita"], kind=tw.kind("e-learning"), scope=Scope.POST,
        post=tw.person("1005").holdings.get().post, applies_from=dt.date(2030, 1, 1),
    )  # fmt: skip  # not yet mandatory: not counted
    session(tw, dt.date(2024, 12, 31), people=["1003"])
    session(tw, dt.date(2025, 1, 1), people=["1004"])
    y2024 = registry.year_figures(organisation=tw.org, year=2024)["trainings.mandatory_compliance"]
    # 2024-12-31: VTH 1 of 2; all staff 1 of 5 → 2 of 7 pairs.
    assert y2024.total == Decimal("28.6")
    assert rows(y2024) == {"dilemmaspel": Decimal("28.6")}
    assert y2024.spec.unit == registry.Unit.PERCENT
    y2025 = registry.year_figures(organisation=tw.org, year=2025)["trainings.mandatory_compliance"]
    # 2025-12-31: 1003 twelve months after 2024-12-31 is due again (VTH 1 of 2); all staff 2 of 5.
    assert y2025.total == Decimal("42.9")
    assert registry.year_figures(organisation=tw.org, year=2020)["trainings.mandatory_compliance"].total is None


def test_a_leaver_removed_by_retention_still_counts_as_a_participant(tw: TrainingWorld) -> None:
    from django.utils import timezone

    from open_integriteit.people.retention import destroy_if_due

    session(tw, dt.date(2023, 5, 1), people=["1003", "1004"])
    leaver = tw.person("1004")
    leaver.left_on = dt.date(2023, 6, 30)
    leaver.save()
    assert destroy_if_due(leaver, timezone.now())
    figure = registry.year_figures(organisation=tw.org, year=2023)["trainings.participants"]
    assert figure.total == 2


def test_the_figures_take_the_same_number_of_queries_for_one_session_or_many(tw: TrainingWorld) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from open_integriteit.trainings.statistics import figures

    requirement(tw, Scope.ALL)
    session(tw, dt.date(2025, 2, 1), people=["1003"])
    with CaptureQueriesContext(connection) as one:
        figures(organisation=tw.org, year=2025)
    for day in range(2, 12):
        session(tw, dt.date(2025, 3, day), people=["1001", "1004"], kind="webinar")
        session(tw, dt.date(2025, 4, day), heads=day)
    with CaptureQueriesContext(connection) as many:
        figures(organisation=tw.org, year=2025)
    assert len(many) == len(one)
