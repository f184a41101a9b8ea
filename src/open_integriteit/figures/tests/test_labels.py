"""What the coordinator reads on the figures pages is Dutch, never a code: the breakdown of an
entered total shows the label of each row (a Bibob field, a ground), and no figure's counting
rule names another figure by its key."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from open_integriteit.figures import registry, services
from open_integriteit.organisations.models import Organisation
from open_integriteit.procurement import services as procurement_services
from open_integriteit.procurement.models import BibobField
from open_integriteit.reports.models import Ground

pytestmark = pytest.mark.django_db

DOTTED_KEY = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


def test_earlier_years_show_the_bibob_fields_not_their_keys(
    org: Organisation, personas: dict[str, Any], client_for: Any
) -> None:
    alice = personas["alice"]
    procurement_services.bibob_totals_save(
        organisation=org,
        by=alice,
        year=2020,
        totals={"risk_analysis": {"exploitation": 6, "permits": 14, "real_estate": 2}},
        source="Jaarverslag 2020",
    )
    page = client_for(alice).get(reverse("figures:entered")).content.decode()
    with override("nl"):
        for field, number in ((BibobField.EXPLOITATION, 6), (BibobField.PERMITS, 14), (BibobField.REAL_ESTATE, 2)):
            assert f"{escape(str(field.label))}: {number}" in page
    for key in ("exploitation:", "permits:", "real_estate"):
        assert key not in page


def test_earlier_years_show_the_grounds_of_an_entered_total_of_reports(
    org: Organisation, personas: dict[str, Any], client_for: Any
) -> None:
    alice = personas["alice"]
    services.entered_total_set(
        organisation=org, key="reports.reports", year=2020, total=5, breakdown={"misstand": 2}, by=alice
    )
    page = client_for(alice).get(reverse("figures:entered")).content.decode()
    with override("nl"):
        assert f"{escape(str(Ground.MISSTAND.label))}: 2" in page
    assert "misstand: 2" not in page


@pytest.mark.parametrize("key", sorted(registry.specs()))
def test_no_counting_rule_names_a_figure_by_its_key(key: str) -> None:
    spec = registry.specs()[key]
    for language in ("en", "nl"):
        with override(language):
            assert not DOTTED_KEY.search(str(spec.rule)), f"{key}: {spec.rule}"
