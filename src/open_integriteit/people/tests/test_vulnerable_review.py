"""Found in the attacker review of issue 9: the financial-interest duty stays the register
clerk's, and the same adoption recorded twice is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from open_integriteit.accounts.models import Role
from open_integriteit.people import vulnerable
from open_integriteit.people.models import FixedQuestion, Post, VulnerablePostList
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import ROWS, as_csv
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db
NO = dict.fromkeys(FixedQuestion.values, False)


@pytest.fixture
def assessed(org, personas):
    clerk = make_user(org, "rita", Role.REGISTER_CLERK)
    people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv([list(r) for r in ROWS]), dry_run=False)
    post = Post.objects.get(organisation=org, title="Vergunningverlener")
    vulnerable.post_assess(
        post=post, answers=NO | {"permits": True, "enforcement": True}, override="", override_reason="", by=clerk
    )
    return clerk, post


def test_the_coordinator_cannot_switch_on_the_financial_interest_duty_by_adopting(org, personas, assessed):
    _clerk, post = assessed
    with pytest.raises(ValidationError) as refused:
        vulnerable.list_adopt(
            organisation=org,
            adopted_on=dt.date.today(),
            decision_reference="X",
            financial_interest_duty=[post.pk],
            by=personas["alice"],
        )
    assert "financial_interest_duty" in refused.value.message_dict
    post.refresh_from_db()
    assert not post.designated and not VulnerablePostList.objects.exists()


def test_the_same_adoption_recorded_twice_is_refused(org, assessed):
    clerk, _post = assessed
    adopt = {"organisation": org, "adopted_on": dt.date.today(), "decision_reference": "B&W 1", "by": clerk}
    vulnerable.list_adopt(financial_interest_duty=[], **adopt)
    with pytest.raises(ValidationError):
        vulnerable.list_adopt(financial_interest_duty=[], **adopt)
    assert VulnerablePostList.objects.filter(organisation=org).count() == 1


def test_the_vulnerable_posts_page_links_to_the_mandatory_trainings(org, personas, client_for):
    from django.urls import reverse

    make_user(org, "rita", Role.REGISTER_CLERK)
    page = client_for(personas["alice"]).get(reverse("people:vulnerable")).content.decode()
    assert f'href="{reverse("trainings:compliance")}"' in page
