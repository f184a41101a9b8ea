"""What the register clerk keeps by hand (ADR 0018, amendment): a post's two duties, an
official's office, term and party, and who manages which unit; and a later HR import does not
silently undo any of it. Who may open these pages is in ``access/tests/test_need_to_know.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.people import services
from open_integriteit.people.models import ManagerOf, Person, Post, Unit
from open_integriteit.people.services import people_import
from open_integriteit.testing.fixtures import make_user

from .files import ROWS, as_csv

pytestmark = pytest.mark.django_db


def world_rows() -> list[list[str]]:
    rows = [list(row) for row in ROWS]
    rows[1][18] = "dave"  # 1002 manages OMG (and VTH below it)
    return rows


@pytest.fixture
def clerk(org, personas):
    clerk = make_user(org, "rita", Role.REGISTER_CLERK)
    result = people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv(world_rows()), dry_run=False)
    assert result.errors == []
    return clerk


def reimport(org, clerk, rows=None):
    result = people_import(
        organisation=org, by=clerk, file_name="hr.csv", data=as_csv(rows or world_rows()), dry_run=False
    )
    assert result.errors == []
    return result


def a_post(org, title):
    return Post.objects.get(organisation=org, title=title)


def a_person(org, external_id):
    return Person.objects.get(organisation=org, external_id=external_id)


def last_event():
    return AuditEvent.objects.order_by("-sequence").first()


# --- A post's duties --------------------------------------------------------------------------


def test_the_clerk_sets_the_duties_of_a_post_and_is_sent_back_to_it(org, clerk, client_for):
    post = a_post(org, "Vergunningverlener")
    client = client_for(clerk)
    response = client.post(reverse("people:post", args=[post.pk]), {"designated": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("people:post", args=[post.pk])
    post.refresh_from_db()
    assert (post.designated, post.publication_duty) == (True, False)
    assert post.duties_set_by_clerk_at is not None
    event = last_event()
    assert event.action == "people.post_duties_changed"
    assert event.details == {"post_id": post.pk, "designated": True, "publication_duty": False, "changed": "designated"}
    page = client.get(reverse("people:post", args=[post.pk])).content.decode()
    assert "De plichten van de functie zijn opgeslagen." in page
    assert "de HR-import laat ze zoals ze zijn" in page


def test_the_posts_list_links_to_each_post_and_shows_both_duties(org, clerk, client_for):
    post = a_post(org, "Directeur")
    page = client_for(clerk).get(reverse("people:posts")).content.decode()
    assert reverse("people:post", args=[post.pk]) in page
    assert "Aangewezen functie" in page and "Publicatieplicht" in page


def test_the_coordinator_and_the_manager_read_the_post_without_a_form(org, clerk, personas, client_for):
    post = a_post(org, "Vergunningverlener")
    for name in ("alice", "dave"):
        response = client_for(personas[name]).get(reverse("people:post", args=[post.pk]))
        assert response.status_code == 200
        assert response.context["form"] is None
        assert "Plichten opslaan" not in response.content.decode()
    assert client_for(clerk).get(reverse("people:post", args=[post.pk])).context["form"] is not None


def test_a_manager_cannot_change_the_duties(org, clerk, personas):
    with pytest.raises(PermissionDenied):
        services.post_duties_update(
            post=a_post(org, "Vergunningverlener"), by=personas["dave"], designated=True, publication_duty=True
        )


def test_a_reimport_keeps_the_duties_the_clerk_set_and_says_so(org, clerk):
    post = a_post(org, "Directeur")  # the file says: designated, publication duty
    services.post_duties_update(post=post, by=clerk, designated=False, publication_duty=False)
    result = reimport(org, clerk)
    post.refresh_from_db()
    assert (post.designated, post.publication_duty) == (False, False)
    assert result.changes == 0
    assert result.kept["duties_kept"] == 1
    assert last_event().details["duties_kept"] == 1


def test_a_reimport_still_sets_the_duties_of_posts_the_clerk_left_alone(org, clerk):
    rows = world_rows()
    rows[2][14] = "ja"  # Vergunningverlener becomes designated in the file
    reimport(org, clerk, rows)
    assert a_post(org, "Vergunningverlener").designated is True


def test_the_import_page_shows_what_was_kept(org, clerk, client_for):
    services.post_duties_update(post=a_post(org, "Directeur"), by=clerk, designated=False, publication_duty=False)
    client = client_for(clerk)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("hr.csv", as_csv(world_rows()), content_type="text/csv")
    assert client.post(reverse("people:import"), {"file": upload, "mode": "check"}).status_code == 302
    page = client.get(reverse("people:import")).content.decode()
    assert "Bewaard zoals de registerbeheerder het vastlegde" in page


# --- An official's office, term and party -----------------------------------------------------


def test_the_clerk_records_an_officials_office_term_and_party(org, clerk, client_for):
    zwart = a_person(org, "9001")
    client = client_for(clerk)
    data = {"office": "council_member", "term_start": "2026-03-26", "term_end": "2030-03-28", "party": "Partij B"}
    response = client.post(reverse("people:official", args=[zwart.pk]), data)
    assert response.status_code == 302 and response["Location"] == reverse("people:person", args=[zwart.pk])
    zwart.refresh_from_db()
    assert (zwart.office, zwart.term_start, zwart.term_end, zwart.party) == (
        "council_member",
        dt.date(2026, 3, 26),
        dt.date(2030, 3, 28),
        "Partij B",
    )
    event = last_event()
    assert event.action == "people.official_changed"
    assert event.details == {
        "person_id": zwart.pk,
        "office": "council_member",
        "changed": "office,party,term_end,term_start",
    }
    assert "Partij" not in str(event.details)  # the party is personal data: never in the audit trail


def test_a_term_that_ends_before_it_starts_is_refused_in_dutch_and_keeps_what_was_typed(org, clerk, client_for):
    zwart = a_person(org, "9001")
    data = {"office": "executive", "term_start": "2027-01-01", "term_end": "2026-12-31", "party": "Nieuwe Partij"}
    response = client_for(clerk).post(reverse("people:official", args=[zwart.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "De zittingstermijn moet eindigen na het begin." in page
    assert 'value="Nieuwe Partij"' in page and 'value="2026-12-31"' in page
    zwart.refresh_from_db()
    assert zwart.party == "Partij A"


def test_the_office_must_be_chosen(org, clerk, client_for):
    zwart = a_person(org, "9001")
    response = client_for(clerk).post(reverse("people:official", args=[zwart.pk]), {"office": "", "party": "X"})
    assert response.status_code == 200
    assert "Kies het ambt." in response.content.decode()


def test_only_an_official_has_an_office_form(org, clerk, client_for):
    sanne = a_person(org, "1003")
    client = client_for(clerk)
    assert "official_form" not in client.get(reverse("people:person", args=[sanne.pk])).context
    response = client.post(reverse("people:official", args=[sanne.pk]), {"office": "executive"})
    assert response.status_code == 404
    assert a_person(org, "1003").office == ""


def test_a_reimport_keeps_the_officials_details_the_clerk_set(org, clerk):
    zwart = a_person(org, "9001")
    services.official_update(
        person=zwart,
        by=clerk,
        office="executive",
        term_start=dt.date(2023, 4, 1),
        term_end=dt.date(2025, 6, 30),
        party="Partij B",
    )
    result = reimport(org, clerk)  # the file still says 31-03-2027 and Partij A
    zwart.refresh_from_db()
    assert (zwart.term_end, zwart.party) == (dt.date(2025, 6, 30), "Partij B")
    assert result.changes == 0
    assert result.kept["officials_kept"] == 1


def test_an_official_who_is_no_longer_one_in_the_file_follows_the_file_again(org, clerk):
    zwart = a_person(org, "9001")
    services.official_update(
        person=zwart, by=clerk, office="executive", term_start=None, term_end=None, party="Partij B"
    )
    rows = world_rows()
    rows[5][4:9] = ["medewerker", "", "", "", ""]
    reimport(org, clerk, rows)
    zwart.refresh_from_db()
    assert (zwart.kind, zwart.office, zwart.party, zwart.official_set_by_clerk_at) == ("employee", "", "", None)


# --- Manager of --------------------------------------------------------------------------------


def test_the_clerk_adds_a_unit_a_person_manages_and_the_manager_then_sees_its_people(org, clerk, personas, client_for):
    sanne = a_person(org, "1003")
    Person.objects.filter(pk=sanne.pk).update(user=personas["mila"])
    fin = Unit.objects.get(organisation=org, code="FIN")
    client = client_for(clerk)
    response = client.post(reverse("people:manager_add", args=[sanne.pk]), {"unit": fin.pk})
    assert response.status_code == 302 and response["Location"] == reverse("people:person", args=[sanne.pk])
    assert ManagerOf.objects.get(person=sanne, unit=fin).added_by_clerk is True
    assert last_event().action == "people.manager_added"
    assert last_event().details == {"person_id": sanne.pk, "unit_id": fin.pk}
    emma = a_person(org, "1005")
    assert client_for(personas["mila"]).get(reverse("people:person", args=[emma.pk])).status_code == 200


def test_a_unit_must_be_chosen_and_one_already_managed_is_not_offered(org, clerk, client_for):
    bram = a_person(org, "1002")
    omg = Unit.objects.get(organisation=org, code="OMG")
    client = client_for(clerk)
    response = client.post(reverse("people:manager_add", args=[bram.pk]), {"unit": ""})
    assert response.status_code == 200 and "Kies een eenheid." in response.content.decode()
    response = client.post(reverse("people:manager_add", args=[bram.pk]), {"unit": omg.pk})
    assert response.status_code == 200 and "Kies een eenheid uit de lijst." in response.content.decode()
    assert ManagerOf.objects.filter(person=bram).count() == 1


def test_a_unit_of_another_organisation_cannot_be_added(org, other_org, clerk, client_for):
    theirs = Unit.objects.create(organisation=other_org, code="X", name="Elders")
    bram = a_person(org, "1002")
    response = client_for(clerk).post(reverse("people:manager_add", args=[bram.pk]), {"unit": theirs.pk})
    assert response.status_code == 200
    assert not ManagerOf.objects.filter(unit=theirs).exists()


def test_the_clerk_removes_a_managed_unit(org, clerk, personas, client_for):
    bram = a_person(org, "1002")
    omg = Unit.objects.get(organisation=org, code="OMG")
    response = client_for(clerk).post(reverse("people:manager_remove", args=[bram.pk, omg.pk]))
    assert response.status_code == 302
    assert not ManagerOf.objects.filter(person=bram).exists()
    assert last_event().action == "people.manager_removed"
    sanne = a_person(org, "1003")
    assert client_for(personas["dave"]).get(reverse("people:person", args=[sanne.pk])).status_code == 404


def test_a_reimport_keeps_a_link_the_clerk_added_and_restores_one_the_file_names(org, clerk):
    sanne, bram = a_person(org, "1003"), a_person(org, "1002")
    fin, omg = Unit.objects.get(organisation=org, code="FIN"), Unit.objects.get(organisation=org, code="OMG")
    services.manager_add(person=sanne, unit=fin, by=clerk)
    services.manager_remove(person=bram, unit=omg, by=clerk)
    result = reimport(org, clerk)
    assert ManagerOf.objects.filter(person=sanne, unit=fin).exists()
    assert result.kept["managers_kept"] == 1
    assert ManagerOf.objects.filter(person=bram, unit=omg).exists()  # the file names it: it is back
    assert result.counts["managers_changed"] == 1


def test_a_leaver_loses_the_links_the_clerk_added(org, clerk):
    sanne = a_person(org, "1003")
    services.manager_add(person=sanne, unit=Unit.objects.get(organisation=org, code="FIN"), by=clerk)
    reimport(org, clerk, [row for row in world_rows() if row[0] != "1003"])
    assert not ManagerOf.objects.filter(person=sanne).exists()


def test_the_person_page_shows_the_forms_to_the_clerk_only(org, clerk, personas, client_for):
    zwart = a_person(org, "9001")
    clerk_page = client_for(clerk).get(reverse("people:person", args=[zwart.pk]))
    assert "official_form" in clerk_page.context and "manager_form" in clerk_page.context
    alice_page = client_for(personas["alice"]).get(reverse("people:person", args=[zwart.pk]))
    assert "official_form" not in alice_page.context and "manager_form" not in alice_page.context
