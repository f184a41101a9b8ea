"""The demo gives both demo organisations survey indicators from MTO 2022 and MTO 2024, each
2024 value compared with 2022's; loading it again changes nothing."""

from __future__ import annotations

import pytest

from open_integriteit.core.demo import load_demo
from open_integriteit.figures.models import EnteredTotal
from open_integriteit.indicators import statistics
from open_integriteit.indicators.demo import load_demo_indicators
from open_integriteit.indicators.models import Measurement
from open_integriteit.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_demo_indicators_in_both_organisations_and_loading_again_changes_nothing() -> None:
    load_demo()
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for slug in ("provincie-voorbeeld", "gemeente-voorbeeldstad"):
        rows = statistics.indicators(organisation=organisations[slug], year=2024)
        assert len(rows) == 3
        assert {(row.source, row.previous_year) for row in rows} == {("MTO 2024", 2022)}
    before = (
        list(Measurement.objects.order_by("pk").values_list("pk", "value", "recorded_at")),
        list(EnteredTotal.objects.order_by("pk").values_list("pk", "total")),
    )
    # As core.demo calls it: with the organisations that keep registers, not the shared service.
    load_demo_indicators({slug: o for slug, o in organisations.items() if o.kind != OrganisationKind.SHARED_SERVICE})
    after = (
        list(Measurement.objects.order_by("pk").values_list("pk", "value", "recorded_at")),
        list(EnteredTotal.objects.order_by("pk").values_list("pk", "total")),
    )
    assert after == before
