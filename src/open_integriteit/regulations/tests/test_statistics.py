"""The figures of the register of rules and codes: ``regulations.adopted`` counts each
version in the year of its adoption date (31 December and 1 January fall apart), per
kind; ``in_force`` gives the versions in force on 31 December for the framework chapter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.accounts.models import User
from open_integriteit.figures import registry
from open_integriteit.regulations import statistics

from .test_register import add

pytestmark = pytest.mark.django_db


def test_adopted_counts_each_version_in_the_year_of_its_adoption(org: Any, personas: dict[str, User]) -> None:
    alice = personas["alice"]
    old = add(org, alice, kind="staff_code", adopted_on=dt.date(2023, 12, 31))
    add(org, alice, kind="staff_code", adopted_on=dt.date(2024, 1, 1), replaces=old)
    add(org, alice, kind="reporting_procedure", adopted_on=dt.date(2024, 12, 31))
    add(
        personas["grace"].organisation, personas["grace"], kind="policy_plan", adopted_on=dt.date(2024, 6, 1)
    )  # another organisation

    figure_2023 = registry.year_figures(organisation=org, year=2023)["regulations.adopted"]
    assert figure_2023.total == 1
    assert [(row.key, row.value) for row in figure_2023.breakdown] == [("staff_code", 1)]
    figure_2024 = registry.year_figures(organisation=org, year=2024)["regulations.adopted"]
    assert figure_2024.total == 2
    assert [(row.key, row.value) for row in figure_2024.breakdown] == [("staff_code", 1), ("reporting_procedure", 1)]
    assert registry.year_figures(organisation=org, year=2025)["regulations.adopted"].total is None


def test_in_force_on_31_december(org: Any, personas: dict[str, User]) -> None:
    alice = personas["alice"]
    old = add(org, alice, title="Code 2019", adopted_on=dt.date(2019, 4, 1))
    add(org, alice, title="Code 2024", adopted_on=dt.date(2025, 1, 1), replaces=old)  # not yet in 2024
    add(org, alice, title="Plan", kind="policy_plan", adopted_on=dt.date(2024, 12, 31), public=False)

    rows_2024 = statistics.in_force(organisation=org, year=2024)
    assert [(r.title, r.kind, r.adopted_on) for r in rows_2024] == [
        ("Code 2019", "staff_code", dt.date(2019, 4, 1)),
        ("Plan", "policy_plan", dt.date(2024, 12, 31)),
    ]
    rows_2025 = statistics.in_force(organisation=org, year=2025)
    assert [(r.title, r.replaces_adopted_on) for r in rows_2025] == [
        ("Code 2024", dt.date(2019, 4, 1)),
        ("Plan", None),
    ]
    assert statistics.in_force(organisation=org, year=2018) == []


def test_the_figures_take_one_query_whatever_the_number_of_records(org: Any, personas: dict[str, User]) -> None:
    for day in range(1, 6):
        add(org, personas["alice"], adopted_on=dt.date(2024, 2, day))
    with CaptureQueriesContext(connection) as queries:
        statistics.figures(organisation=org, year=2024)
        statistics.in_force(organisation=org, year=2024)
    assert len(queries) == 2
