"""The demo's ceremonies, statements and certificates in both organisations; loading again
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from open_integriteit.core.demo import load_demo
from open_integriteit.figures import registry
from open_integriteit.onboarding import duty
from open_integriteit.onboarding.demo import load_demo_onboarding
from open_integriteit.onboarding.models import Ceremony, CertificateOfConduct, IntegrityStatement, Participant
from open_integriteit.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_has_years_of_ceremonies_some_overdue_people_and_loads_once():
    load_demo()
    province = Organisation.objects.get(slug="provincie-voorbeeld")
    municipality = Organisation.objects.get(slug="gemeente-voorbeeldstad")
    years = {c.held_on.year for c in Ceremony.objects.filter(organisation=province)}
    assert years == {2021, 2022, 2023, 2024, 2025, 2026}
    assert Ceremony.objects.filter(organisation=municipality).count() == 5
    figures = registry.year_figures(organisation=province, year=2021, keys=["onboarding.oaths"])
    assert (figures["onboarding.oaths"].total, {r.key: r.value for r in figures["onboarding.oaths"].breakdown}) == (
        4,
        {"employee": 3, "registry": 1},
    )
    partner = registry.year_figures(organisation=province, year=2025, keys=["onboarding.partner_oaths"])
    assert partner["onboarding.partner_oaths"].total == 10
    overdue = {o.person.external_id for o in duty.overdue_on(organisation_id=province.pk, day=dt.date(2026, 11, 30))}
    assert {"P0008", "P0010"} <= overdue
    assert "G0005" in {
        o.person.external_id for o in duty.overdue_on(organisation_id=municipality.pk, day=dt.date(2026, 11, 30))
    }
    counts = (
        Ceremony.objects.count(),
        Participant.objects.count(),
        IntegrityStatement.objects.count(),
        CertificateOfConduct.objects.count(),
    )
    load_demo_onboarding({o.slug: o for o in (province, municipality)})
    assert counts == (
        Ceremony.objects.count(),
        Participant.objects.count(),
        IntegrityStatement.objects.count(),
        CertificateOfConduct.objects.count(),
    )
