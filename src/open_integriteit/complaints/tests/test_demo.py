"""The demo fills procurement deviations, Bibob checks (totals in 2021–2022, records later),
complaints and incidents for both demo organisations; loading again changes nothing."""

from __future__ import annotations

import pytest

from open_integriteit.complaints.models import Complaint, Incident
from open_integriteit.core.demo import load_demo
from open_integriteit.figures import registry
from open_integriteit.organisations.models import Organisation
from open_integriteit.procurement.models import BibobCheck, Deviation

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Deviation, BibobCheck, Complaint, Incident))


def test_the_demo_fills_both_organisations_over_the_years_and_loads_once() -> None:
    load_demo()
    for slug in ("provincie-voorbeeld", "gemeente-voorbeeldstad"):
        org = Organisation.objects.get(slug=slug)
        for model, field in ((Deviation, "date"), (Complaint, "received_on"), (Incident, "date")):
            years = {d.year for d in model.objects.filter(organisation=org).dates(field, "year")}  # type: ignore[attr-defined]
            assert {2021, 2022, 2023, 2024, 2025} <= years, (slug, model.__name__)
        figures = registry.year_figures(organisation=org, year=2021)
        assert figures["procurement.bibob_risk_analyses"].entered
        assert not registry.year_figures(organisation=org, year=2024)["procurement.bibob_risk_analyses"].entered
    assert Complaint.objects.filter(case__isnull=False).exists()
    before = _counts()
    load_demo()
    assert _counts() == before
