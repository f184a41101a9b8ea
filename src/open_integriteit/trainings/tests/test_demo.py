"""The demo records sessions 2021–2026 and two mandatory trainings in both demo organisations,
with people behind; loading it again changes nothing."""

from __future__ import annotations

import pytest

from open_integriteit.accounts.models import User
from open_integriteit.core.demo import load_demo
from open_integriteit.figures import registry
from open_integriteit.organisations.models import Organisation
from open_integriteit.trainings import selectors
from open_integriteit.trainings.demo import load_demo_trainings
from open_integriteit.trainings.models import Requirement, Session

pytestmark = pytest.mark.django_db


def test_the_demo_has_sessions_and_people_behind_in_both_organisations() -> None:
    load_demo()
    for slug, clerk in (
        ("provincie-voorbeeld", "registerbeheerder"),
        ("gemeente-voorbeeldstad", "coordinator-voorbeeldstad"),
    ):
        organisation = Organisation.objects.get(slug=slug)
        years = {s.date.year for s in Session.objects.filter(organisation=organisation)}
        assert years == {2021, 2022, 2023, 2024, 2025, 2026}
        assert Requirement.objects.filter(organisation=organisation).count() == 2
        overview = selectors.compliance_overview(user=User.objects.get(username=clerk))
        assert all(item.behind for item in overview)
        assert registry.year_figures(organisation=organisation, year=2023)["trainings.participants"].total
    before = list(Session.objects.order_by("pk").values_list("pk", "date"))
    load_demo_trainings({o.slug: o for o in Organisation.objects.all()})
    assert list(Session.objects.order_by("pk").values_list("pk", "date")) == before
