from __future__ import annotations

import pytest

from open_integriteit.core.demo import load_demo
from open_integriteit.people.models import ManagerOf, Person

pytestmark = pytest.mark.django_db


def test_both_demo_organisations_get_a_register_with_officials_and_linked_accounts():
    load_demo()
    for slug in ("provincie-voorbeeld", "gemeente-voorbeeldstad"):
        people = Person.objects.filter(organisation__slug=slug)
        assert people.filter(kind="official").count() >= 4
        assert people.exclude(kind="official").count() >= 4
        assert ManagerOf.objects.filter(person__organisation__slug=slug).exists()
    assert Person.objects.get(user__username="leidinggevende").managed.get().unit.code == "VTH"
    assert Person.objects.get(user__username="medewerker").holdings.get().post.title == "Beleidsmedewerker"
