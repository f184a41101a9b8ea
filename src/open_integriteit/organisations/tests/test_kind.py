"""The administrator sets the kind of organisation on the settings page; it does not switch
the typology in use by itself (that is a choice on the categories page)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from open_integriteit.lists.selectors import entries
from open_integriteit.organisations.models import Organisation
from open_integriteit.reports.typology import CATEGORIES

pytestmark = pytest.mark.django_db


def test_administrator_changes_the_kind_of_organisation(org, personas, client_for):
    data = {"name": org.name, "kind": "other", "primary_colour": "#154273", "confidential_adviser_contact": ""}
    response = client_for(personas["erin"]).post(reverse("organisations:branding"), data)
    assert response.status_code == 302
    assert Organisation.objects.get(pk=org.pk).kind == "other"
    in_use = entries(organisation=org, kind=CATEGORIES.code).filter(active=True)
    assert set(in_use.values_list("group", flat=True)) == {"bios"}
    response = client_for(personas["erin"]).post(reverse("organisations:branding"), {**data, "kind": "planet"})
    assert response.status_code == 200 and "kind" in response.context["form"].errors
