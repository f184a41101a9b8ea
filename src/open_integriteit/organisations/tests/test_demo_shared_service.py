"""The demo's shared service serves both demo organisations; its coordinator sees their counts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from open_integriteit.accounts.models import User
from open_integriteit.core.demo import load_demo
from open_integriteit.organisations.models import ServedOrganisation
from open_integriteit.testing.fixtures import login

pytestmark = pytest.mark.django_db


def test_the_demo_shared_service_serves_both_demo_organisations_once() -> None:
    load_demo()
    load_demo()
    links = ServedOrganisation.objects.filter(shared_service__slug="regionale-uitvoeringsdienst-voorbeeld")
    assert sorted(link.organisation.slug for link in links) == ["gemeente-voorbeeldstad", "provincie-voorbeeld"]
    page = login(Client(), User.objects.get(username="coordinator-rud")).get(reverse("annual_reports:shared_overview"))
    assert page.status_code == 200
    assert "Provincie Voorbeeld" in page.content.decode()
