"""The demo's rules and codes and annual programmes: loaded through the services for each
organisation, with a replaced code of conduct, real PDFs and carried actions; loading again
changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from open_integriteit.accounts.models import User
from open_integriteit.programme.demo import load_demo_programme
from open_integriteit.programme.models import Action
from open_integriteit.regulations.demo import load_demo_regulations
from open_integriteit.regulations.models import Regulation

pytestmark = pytest.mark.django_db


def test_the_demo_has_rules_with_a_replaced_version_and_carried_actions(org: Any, personas: dict[str, User]) -> None:
    organisations = {org.slug: org}
    for _twice in range(2):
        load_demo_regulations(organisations)
        load_demo_programme(organisations)
    assert Regulation.objects.filter(organisation=org).count() == 9
    replaced = Regulation.objects.get(organisation=org, replaced_by__isnull=False)
    assert replaced.kind == "staff_code"
    page = Client().get(reverse("regulations:public_list", args=[org.slug])).content.decode()
    assert "Gedragscode integriteit medewerkers 2023" in page and "Protocol integriteitsonderzoek" not in page
    current = Regulation.objects.get(replaces=replaced)
    pdf = Client().get(reverse("regulations:public_document", args=[org.slug, current.pk])).content
    assert pdf.startswith(b"%PDF-")

    assert set(Action.objects.filter(organisation=org).values_list("year", flat=True)) == {2023, 2024, 2025, 2026}
    twice = Action.objects.get(organisation=org, year=2025, carried_from__carried_from__isnull=False)
    assert twice.carried_from.carried_from.year == 2023
    assert Action.objects.filter(organisation=org, carried_from__isnull=False).count() == 5
