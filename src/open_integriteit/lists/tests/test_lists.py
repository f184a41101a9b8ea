"""One per-organisation list mechanism: categories, advisers' topics and advice topics are
entries of ``lists.ListEntry``; one typology is in use by default, chosen by the kind of
organisation; every category list is grouped per typology without duplicate names."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.lists import registry, services
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries
from open_integriteit.organisations.models import OrganisationKind
from open_integriteit.organisations.services import organisation_create
from open_integriteit.reports.typology import CATEGORIES

pytestmark = pytest.mark.django_db


def category(org, code):
    return ListEntry.objects.get(organisation=org, kind=CATEGORIES.code, code=code)


def active_groups(org):
    return set(entries(organisation=org, kind=CATEGORIES.code).filter(active=True).values_list("group", flat=True))


@pytest.mark.parametrize(
    ("kind", "typology"),
    [
        (OrganisationKind.PROVINCE, "bios"),
        (OrganisationKind.MUNICIPALITY, "bios"),
        (OrganisationKind.WATER_AUTHORITY, "bios"),
        (OrganisationKind.SHARED_SERVICE, "bios"),
        (OrganisationKind.OTHER, "central_government"),
    ],
)
def test_the_kind_of_organisation_chooses_the_typology_in_use(kind, typology):
    organisation = organisation_create(name="Invented", slug="invented", kind=kind)
    assert active_groups(organisation) == {typology}
    assert entries(organisation=organisation, kind=CATEGORIES.code).count() == 18  # both typologies are there
    for list_kind in registry.kinds():  # every registered list is seeded
        assert entries(organisation=organisation, kind=list_kind.code).exists(), list_kind.code
    services.list_seed_defaults(organisation=organisation)  # idempotent
    assert entries(organisation=organisation, kind=CATEGORIES.code).count() == 18


def test_every_category_list_is_grouped_per_typology_without_duplicates(org, personas, client_for, make_report):
    report, _code = make_report()
    alice = client_for(personas["alice"])
    page = alice.get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    select = page.split('name="cls-category"')[1].split("</select>")[0]
    assert '<optgroup label="BIOS-categorieën">' in select
    names = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)
    assert len(names) == 9 and len(set(names)) == 9 and "Ongewenste omgangsvormen" in names
    assert "Geschenken en uitnodigingen" not in names  # the other typology is not in use
    for url in (reverse("cases:create"), reverse("cases:list")):
        page = alice.get(url).content.decode()
        select = page.split('name="category"')[1].split("</select>")[0]
        assert '<optgroup label="BIOS-categorieën">' in select, url
        assert select.count("Ongewenste omgangsvormen") == 1, url


def test_switching_to_the_other_typology_keeps_own_categories_and_records(org, personas, make_report):
    from open_integriteit.reports import services as report_services

    alice = personas["alice"]
    own = services.list_entry_create(organisation=org, kind=CATEGORIES.code, by=alice, name_nl="Ondermijning")
    report, _code = make_report()
    report_services.report_classify(
        report=report, by=alice, ground="business_integrity", category=category(org, "giften")
    )
    services.list_group_choose(organisation=org, kind=CATEGORIES.code, group="central_government", by=alice)
    assert active_groups(org) == {"central_government", "custom"}
    own.refresh_from_db()
    report.refresh_from_db()
    assert own.active and report.category == category(org, "giften")  # the report keeps its category
    event = AuditEvent.objects.get(action="list.group_chosen")
    assert event.details == {"kind": CATEGORIES.code, "group": "central_government"}
    with pytest.raises(ValidationError):
        services.list_group_choose(organisation=org, kind=CATEGORIES.code, group="custom", by=alice)


def test_coordinator_switches_typology_on_the_categories_page(org, personas, client_for):
    client = client_for(personas["alice"])
    url = reverse("reports:typology")
    page = client.get(url).content.decode()
    assert "Standaard voor uw soort organisatie (Provincie): BIOS-categorieën" in page
    response = client.post(url, {"action": "choose_group", "group": "central_government"})
    assert response.status_code == 302 and response["Location"] == url
    assert active_groups(org) == {"central_government"}
    assert client.post(url, {"action": "choose_group", "group": "nonsense"}).status_code == 400


def test_own_entries_get_a_unique_code_and_a_duplicate_name_is_refused(org, personas, client_for):
    client = client_for(personas["alice"])
    url = reverse("reports:typology")
    assert client.post(url, {"action": "add", "name_nl": "Corruptie", "name_en": ""}).status_code == 200
    response = client.post(url, {"action": "add", "name_nl": "Ondermijning", "name_en": ""})
    assert response.status_code == 302
    own = ListEntry.objects.get(organisation=org, kind=CATEGORIES.code, name_nl="Ondermijning")
    assert (own.group, own.code, own.name_en) == ("custom", "ondermijning", "Ondermijning")
    response = client.post(url, {"action": "add", "name_nl": "ondermijning", "name_en": "x"})
    assert "name_nl" in response.context["form"].errors
    assert response.context["form"]["name_nl"].value() == "ondermijning"  # what was typed stays


def test_the_managers_of_each_list_are_kept(org, other_org, personas):
    from open_integriteit.advice.topics import ADVICE_TOPICS
    from open_integriteit.consultations.topics import TOPICS

    erin, alice, grace = personas["erin"], personas["alice"], personas["grace"]
    services.list_entry_create(organisation=org, kind=CATEGORIES.code, by=erin, name_nl="Door beheer")
    for kind in (TOPICS.code, ADVICE_TOPICS.code):
        with pytest.raises(PermissionDenied):
            services.list_entry_create(organisation=org, kind=kind, by=erin, name_nl="Niet door beheer")
        services.list_entry_create(organisation=org, kind=kind, by=alice, name_nl="Door coördinator")
    for who in ("bob", "carol", "dave", "frank", "mila"):
        with pytest.raises(PermissionDenied):
            services.list_entry_set_active(entry=category(org, "giften"), by=personas[who], active=False)
    with pytest.raises(PermissionDenied):
        services.list_entry_set_active(entry=category(org, "giften"), by=grace, active=False)
    assert category(org, "giften").active


@pytest.mark.parametrize(
    ("url_name", "allowed"),
    [("reports:typology", {"alice", "erin"}), ("consultations:topics", {"alice"}), ("advice:topics", {"alice"})],
)
def test_each_list_page_is_for_its_managers_only(org, other_org, personas, client_for, url_name, allowed):
    for who, user in personas.items():
        if who == "grace":  # coordinator elsewhere: she manages her own organisation's list only
            client_for(user).post(reverse(url_name), {"action": "add", "name_nl": "Van Grace"})
            assert ListEntry.objects.get(name_nl="Van Grace").organisation == other_org
            continue
        client = client_for(user)
        expected = 200 if who in allowed else 404
        assert client.get(reverse(url_name)).status_code == expected, (who, url_name)
        response = client.post(reverse(url_name), {"action": "add", "name_nl": f"Nieuw {who}"})
        assert response.status_code == (302 if who in allowed else 404), (who, url_name)
    assert set(ListEntry.objects.filter(name_nl__startswith="Nieuw ").values_list("name_nl", flat=True)) == {
        f"Nieuw {who}" for who in allowed
    }


def test_an_entry_of_another_list_or_organisation_is_refused(org, other_org, personas):
    from open_integriteit.consultations.topics import TOPICS

    with pytest.raises(ValidationError):
        ListEntry(organisation=org, kind="nonsense.list", code="x", name_nl="x", name_en="x").full_clean()
    with pytest.raises(ValidationError):
        ListEntry(organisation=org, kind=TOPICS.code, group="bios", code="x", name_nl="x", name_en="x").full_clean()
