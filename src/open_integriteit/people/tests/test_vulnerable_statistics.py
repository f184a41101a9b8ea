"""The figures of the vulnerable posts (``people/statistics.py``), read as the annual report
reads them (``figures.registry.year_figures``), with records made through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from open_integriteit.accounts.models import Role
from open_integriteit.figures import registry
from open_integriteit.people import statistics, vulnerable
from open_integriteit.people.models import FixedQuestion, Post
from open_integriteit.people.services import people_import
from open_integriteit.testing.fixtures import make_user

from .files import as_csv

pytestmark = pytest.mark.django_db

KEYS = ["people.vulnerable_posts", "people.vulnerable_lists_adopted", "people.posts_assessed"]


@pytest.fixture
def rita(org):
    clerk = make_user(org, "rita", Role.REGISTER_CLERK)
    assert people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv(), dry_run=False).errors == []
    return clerk


def assess(org, title, by, on, vulnerable_post=True):
    answers = dict.fromkeys(FixedQuestion.values, vulnerable_post)
    post = Post.objects.get(organisation=org, title=title)
    vulnerable.post_assess(post=post, answers=answers, override="", override_reason="", by=by, today=on)


def adopt(org, by, on, duty=()):
    return vulnerable.list_adopt(
        organisation=org, adopted_on=on, decision_reference=f"B&W {on.year}", financial_interest_duty=duty, by=by,
        today=on,
    )  # fmt: skip


def figure(org, year, key):
    return registry.year_figures(organisation=org, year=year, keys=KEYS)[key]


def breakdown(fig):
    return {row.key: row.value for row in fig.breakdown}


def test_vulnerable_posts_counts_the_list_in_force_on_31_december(org, rita):
    assess(org, "Vergunningverlener", rita, dt.date(2022, 12, 1))
    assess(org, "Controller", rita, dt.date(2022, 12, 1))
    adopt(org, rita, dt.date(2022, 12, 31))  # the last day counts for 2022
    assess(org, "Controller", rita, dt.date(2023, 1, 1), vulnerable_post=False)
    adopt(org, rita, dt.date(2024, 1, 1))  # the first day of 2024: not in force on 31 Dec 2023
    assert figure(org, 2021, "people.vulnerable_posts").total is None
    fig = figure(org, 2022, "people.vulnerable_posts")
    assert fig.total == 2 and breakdown(fig) == {"VTH": 1, "FIN": 1}
    assert figure(org, 2023, "people.vulnerable_posts").total == 2
    fig = figure(org, 2024, "people.vulnerable_posts")
    assert fig.total == 1 and breakdown(fig) == {"VTH": 1}
    assert not fig.spec.identifying


def test_lists_adopted_count_by_adoption_date(org, rita):
    assess(org, "Controller", rita, dt.date(2022, 1, 5))
    controller = Post.objects.get(organisation=org, title="Controller")
    adopt(org, rita, dt.date(2022, 12, 31), duty=[controller.pk])
    adopt(org, rita, dt.date(2023, 1, 1))
    fig = figure(org, 2022, "people.vulnerable_lists_adopted")
    assert fig.total == 1 and breakdown(fig) == {"with_duty": 1, "without_duty": 0}
    fig = figure(org, 2023, "people.vulnerable_lists_adopted")
    assert fig.total == 1 and breakdown(fig) == {"with_duty": 0, "without_duty": 1}


def test_posts_assessed_count_once_in_the_year_of_their_latest_assessment(org, rita):
    assess(org, "Vergunningverlener", rita, dt.date(2022, 12, 31))
    assess(org, "Controller", rita, dt.date(2022, 6, 1))
    assess(org, "Controller", rita, dt.date(2023, 1, 1))  # re-assessed: now counts in 2023
    fig = figure(org, 2022, "people.posts_assessed")
    assert fig.total == 1 and breakdown(fig) == {"VTH": 1}
    fig = figure(org, 2023, "people.posts_assessed")
    assert fig.total == 1 and breakdown(fig) == {"FIN": 1}


def test_another_organisation_counts_nothing_of_ours(org, other_org, rita):
    assess(org, "Controller", rita, dt.date(2022, 1, 5))
    adopt(org, rita, dt.date(2022, 2, 1))
    assert all(figure(other_org, 2022, key).total is None for key in KEYS)


def test_a_constant_number_of_queries(org, rita):
    for title in ("Vergunningverlener", "Controller", "Directeur", "Stagiair vergunningen"):
        assess(org, title, rita, dt.date(2022, 3, 1))
    adopt(org, rita, dt.date(2022, 4, 1))
    with CaptureQueriesContext(connection) as queries:
        statistics.figures(organisation=org, year=2022)
    assert len(queries) == 3
