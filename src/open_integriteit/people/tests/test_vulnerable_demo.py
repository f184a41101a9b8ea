"""The demo's vulnerable posts: both organisations have assessed posts and a list adopted in
2022; the province's list in force falls due for review soon, the municipality's is due; a
second load changes nothing."""

from __future__ import annotations

import pytest

from open_integriteit.core.demo import load_demo
from open_integriteit.people import vulnerable
from open_integriteit.people.models import PostAssessment, VulnerablePostList

pytestmark = pytest.mark.django_db


def test_both_demo_organisations_have_checklists_and_an_adopted_list():
    load_demo()
    load_demo()  # idempotent
    reviews = {}
    for slug in ("provincie-voorbeeld", "gemeente-voorbeeldstad"):
        lists = VulnerablePostList.objects.filter(organisation__slug=slug)
        assert lists.filter(adopted_on__year=2022).count() == 1
        assert PostAssessment.objects.filter(organisation__slug=slug).count() >= 5
        current = lists.first()
        assert current is not None
        assert set(current.posts.values_list("pk", flat=True)) == set(
            current.organisation.posts.filter(vulnerable=True).values_list("pk", flat=True)
        )
        reviews[slug] = vulnerable.review_of(current)
    assert reviews["provincie-voorbeeld"].soon
    assert reviews["gemeente-voorbeeldstad"].due
