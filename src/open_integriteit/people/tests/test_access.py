"""Who sees whom in the people register (the full persona table per URL is in
``access/tests/test_need_to_know.py``): a manager sees the people of their units and of the
units below them, nothing else; the administrator sees nobody, even as register clerk."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from open_integriteit.access import people as access
from open_integriteit.accounts.models import Role
from open_integriteit.accounts.services import role_assign
from open_integriteit.audit.models import AuditEvent
from open_integriteit.people.models import Person
from open_integriteit.people.services import people_import
from open_integriteit.testing.fixtures import make_user

from .files import ROWS, as_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(org, personas):
    clerk = make_user(org, "rita", Role.REGISTER_CLERK)
    rows = [list(row) for row in ROWS]
    rows[1][18] = "dave"  # 1002 manages OMG; VTH is below OMG
    rows[2][18] = "mila"  # 1003, in VTH, manages nothing
    result = people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv(rows), dry_run=False)
    assert result.errors == []
    return clerk


def ids(user):
    return sorted(access.people_visible_to(user).values_list("external_id", flat=True))


def test_a_manager_sees_the_people_of_their_units_and_the_units_below(register, personas):
    assert ids(personas["dave"]) == ["1002", "1003", "1004"]
    assert ids(personas["mila"]) == []
    assert ids(register) == ["1001", "1002", "1003", "1004", "1005", "9001"]
    assert ids(personas["alice"]) == ids(register)


def test_a_manager_of_the_top_unit_sees_everyone_in_a_post(org, register, personas):
    rows = [list(row) for row in ROWS]
    rows[0][18] = "dave"  # 1001 manages DIR, the top
    people_import(organisation=org, by=register, file_name="hr.csv", data=as_csv(rows), dry_run=False)
    assert ids(personas["dave"]) == ["1001", "1002", "1003", "1004", "1005"]  # not the official: no post


def test_nobody_else_sees_anyone(register, personas):
    for persona in ("bob", "carol", "erin", "frank", "grace"):
        assert ids(personas[persona]) == [], persona


def test_an_administrator_with_the_register_clerk_role_sees_nobody(register, personas):
    role_assign(user=personas["erin"], role=Role.REGISTER_CLERK)
    erin = type(personas["erin"]).objects.get(pk=personas["erin"].pk)
    assert ids(erin) == []
    assert not access.can_import_people(erin, erin.organisation_id)


def test_a_leaver_no_longer_manages(org, register, personas):
    people_import(organisation=org, by=register, file_name="hr.csv", data=as_csv([ROWS[0], *ROWS[2:]]), dry_run=False)
    assert ids(personas["dave"]) == []


def test_the_manager_opens_a_person_of_their_unit_and_the_read_is_logged(register, personas, client_for):
    dave = client_for(personas["dave"])
    inside = Person.objects.get(external_id="1004")
    outside = Person.objects.get(external_id="1005")
    response = dave.get(reverse("people:person", args=[inside.pk]))
    assert response.status_code == 200
    assert "Bakker" in response.content.decode()
    assert AuditEvent.objects.filter(action="people.person_viewed", object_id=str(inside.pk)).exists()
    assert dave.get(reverse("people:person", args=[outside.pk])).status_code == 404
    listing = dave.get(reverse("people:list")).content.decode()
    assert "Bakker" in listing and "Jansen" not in listing


def test_the_list_sorts_by_surname_without_particles_and_filters(register, client_for):
    client = client_for(register)
    page = client.get(reverse("people:list")).context["people"]
    assert [p.external_id for p in page] == ["1002", "1004", "1001", "1005", "1003", "9001"]
    vth = client.get(reverse("people:list"), {"kind": "intern"}).context["people"]
    assert [p.external_id for p in vth] == ["1004"]
    from open_integriteit.people.models import Unit

    omg = Unit.objects.get(code="OMG")
    assert [p.external_id for p in client.get(reverse("people:list"), {"unit": omg.pk}).context["people"]] == [
        "1002",
        "1004",
        "1003",
    ]


def test_the_list_takes_a_constant_number_of_queries(org, register, client_for):
    client = client_for(register)
    client.get(reverse("people:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:list"))
    rows = [[f"2{n:03}", "Invented", f"Person{n}", "", "medewerker", *[""] * 4, "VTH", "Vergunningen", "OMG",
             "Vergunningverlener", "10", "nee", "nee", "", "", ""] for n in range(40)]  # fmt: skip
    people_import(organisation=org, by=register, file_name="hr.csv", data=as_csv([*ROWS, *rows]), dry_run=False)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("people:list"))
    assert len(many) == len(few)


def test_the_import_page_shows_each_bad_row_after_a_redirect(register, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(register)
    bad = [list(row) for row in ROWS]
    bad[3][4] = "freelancer"
    upload = SimpleUploadedFile("hr.csv", as_csv(bad), content_type="text/csv")
    response = client.post(reverse("people:import"), {"file": upload, "mode": "import"})
    assert response.status_code == 302
    page = client.get(reverse("people:import"))
    assert [line for line, _m in page.context["result"]["errors"]] == [5]
    assert "Onbekende soort &#x27;freelancer&#x27;" in page.content.decode()  # the reason, in Dutch


def test_templates_download(register, client_for):
    import io

    import openpyxl

    client = client_for(register)
    csv_body = client.get(reverse("people:template", args=["csv"])).content.decode("utf-8-sig")
    assert csv_body.startswith("personeelsnummer;voornaam;achternaam")
    xlsx = client.get(reverse("people:template", args=["xlsx"])).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert next(sheet.iter_rows(values_only=True))[0] == "personeelsnummer"
    assert client.get(reverse("people:template", args=["pdf"])).status_code == 404


def test_leavers_are_left_out_of_the_list_unless_asked_for(org, register, client_for):
    people_import(organisation=org, by=register, file_name="hr.csv", data=as_csv(ROWS[:5]), dry_run=False)
    client = client_for(register)
    listed = [p.external_id for p in client.get(reverse("people:list")).context["people"]]
    assert "9001" not in listed and len(listed) == 5
    assert [p.external_id for p in client.get(reverse("people:list"), {"status": "left"}).context["people"]] == ["9001"]
    assert len(client.get(reverse("people:list"), {"status": "all"}).context["people"]) == 6
