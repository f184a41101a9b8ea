"""The public registers are built once per change (``publication_store``, ADR 0022
amendment): every kind of change through its service shows at once on the pages and in the
CSV and JSON that were kept before it, and a client that has the file gets 304."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.test import Client
from django.urls import reverse

from open_integriteit.accounts.models import Role
from open_integriteit.declarations import publication, publication_store
from open_integriteit.declarations.decisions import gift_record_destination, register_settings_update
from open_integriteit.declarations.models import Declaration, Kind, RegisterSettings
from open_integriteit.declarations.services import declaration_transition
from open_integriteit.declarations.workflow import PUBLISHABLE, TRANSITIONS, Transition
from open_integriteit.organisations.models import Organisation
from open_integriteit.organisations.services import organisation_update_branding
from open_integriteit.people import hr_file
from open_integriteit.people.models import Person, Post
from open_integriteit.people.services import official_update, people_import, post_duties_update
from open_integriteit.retention.erase import clear_encrypted
from open_integriteit.testing.fixtures import make_user

from .publication_world import PublicationWorld, build_publication_world

pytestmark = pytest.mark.django_db

OFFICIALS = "nevenfuncties-bestuurders"
POSTS = "nevenfuncties-functies"
GIFTS = "geschenken-bestuurders"


@pytest.fixture
def world(org: Organisation) -> PublicationWorld:
    return build_publication_world(org)


def rows(org: Organisation, slug: str) -> list[dict[str, str]]:
    """The register's CSV (kept after the first request), as dictionaries."""
    response = Client().get(reverse("declarations:public_register_data", args=[org.slug, slug, "csv"]))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def document(org: Organisation, slug: str) -> dict[str, object]:
    response = Client().get(reverse("declarations:public_register_data", args=[org.slug, slug, "json"]))
    assert response.status_code == 200
    found: dict[str, object] = json.loads(response.content)
    return found


def html(name: str, *args: str) -> str:
    response = Client().get(reverse(f"declarations:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def everything(org: Organisation) -> None:
    """Every public page and file once: from now on they are kept."""
    html("public_index", org.slug)
    html("public_history", org.slug)
    for register in publication.REGISTERS:
        html("public_register", org.slug, register.slug)
        rows(org, register.slug)
        document(org, register.slug)


# --- Generated from the workflow, the registers and the code ------------------------------


def test_every_transition_out_of_a_shown_state_goes_to_a_shown_state() -> None:
    """The receiver gives a new version when a declaration is saved in a shown state: that
    covers leaving one only if every way out of a shown state goes to a shown state."""
    for transition in TRANSITIONS:
        if transition.source in publication_store.VISIBLE_STATES:
            assert transition.target in publication_store.VISIBLE_STATES, transition.name


def test_every_model_the_registers_read_gives_a_new_version_when_saved_or_deleted() -> None:
    read: set[type] = {Declaration, RegisterSettings}
    for register in publication.REGISTERS:
        for name in register.fields:
            if "__" in name:
                related = Declaration._meta.get_field(name.split("__")[0]).related_model
                assert isinstance(related, type)
                read.add(related)
    assert read == {Declaration, Person, Post, RegisterSettings}
    for model in read:
        assert post_save.has_listeners(model) and post_delete.has_listeners(model), model
        assert model in {found for found, _receiver in publication_store.RECEIVERS}
    assert post_save.has_listeners(Organisation)


BULK = re.compile(r"\b(Declaration|Person|Post)\.objects\b[^\n]*\.(update|bulk_update|bulk_create)\(")


def test_the_retention_emptying_a_declaration_gives_a_new_version(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB, role="Voorzitter")
    assert [row["functie"] for row in rows(world.org, OFFICIALS)] == ["Voorzitter"]
    with transaction.atomic():
        clear_encrypted(Declaration.objects.filter(organisation=world.org))
    assert [row["functie"] for row in rows(world.org, OFFICIALS)] == [""]


def test_every_bulk_write_of_what_the_registers_read_gives_a_new_version() -> None:
    """Bulk writes send no signal: a module that writes declarations, people or posts in bulk
    calls ``publication_changed`` itself."""
    root = Path(publication.__file__).resolve().parent.parent
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if BULK.search(text):
            assert "publication_changed(" in text, path.relative_to(root)


# --- Each kind of change, through its service ---------------------------------------------

SHOWN = [t for t in TRANSITIONS if {t.source, t.target} & publication_store.VISIBLE_STATES]


@pytest.mark.parametrize("transition", SHOWN, ids=[t.name for t in SHOWN])
def test_a_transition_shows_at_once(world: PublicationWorld, transition: Transition) -> None:
    council = world.people["council"]
    declaration = world.declaration(council, Kind.SIDE_JOB, state=transition.source, role="Voorzitter")
    everything(world.org)
    before_history = html("public_history", world.org.slug)
    declaration_transition(
        declaration=declaration,
        name=transition.name,
        by=world.actor(declaration, transition),
        reason="Invented reason" if transition.needs_reason else "",
        restriction="Alleen buiten werktijd" if transition.needs_restriction else "",
        ends_on=dt.date.today() if transition.needs_end_date else None,
    )
    published = transition.target in PUBLISHABLE
    found = rows(world.org, OFFICIALS)
    assert [row["functie"] for row in found] == (["Voorzitter"] if published else [])
    assert [row["functie"] for row in document(world.org, OFFICIALS)["rijen"]] == (  # type: ignore[index]
        ["Voorzitter"] if published else []
    )
    if transition.needs_restriction:
        assert found[0]["beperking"] == "Alleen buiten werktijd"
    page = html("public_register", world.org.slug, OFFICIALS)
    assert ("Voorzitter" in page) is published
    if transition.target in publication_store.VISIBLE_STATES:
        assert html("public_history", world.org.slug) != before_history


def test_a_gift_destination_shows_at_once(world: PublicationWorld) -> None:
    gift = world.declaration(world.people["alderman"], Kind.GIFT, estimated_value=Decimal("120.00"))
    assert rows(world.org, GIFTS)[0]["bestemming"] == ""
    gift_record_destination(
        declaration=gift, by=world.users["clerk"], handed_in_on=dt.date(2025, 2, 2), destination="charity"
    )
    assert rows(world.org, GIFTS)[0]["bestemming"] == "Geschonken aan een goed doel"


def test_an_officials_party_shows_at_once(world: PublicationWorld) -> None:
    council = world.people["council"]
    world.declaration(council, Kind.SIDE_JOB)
    everything(world.org)
    official_update(
        person=council,
        by=world.users["clerk"],
        office=council.office,
        term_start=None,
        term_end=None,
        party="Lijst Nieuw",
    )
    assert rows(world.org, OFFICIALS)[0]["partij"] == "Lijst Nieuw"
    assert "Lijst Nieuw" in html("public_register", world.org.slug, OFFICIALS)


def test_a_post_losing_its_publication_duty_leaves_the_register_at_once(world: PublicationWorld) -> None:
    world.declaration(world.people["duty"], Kind.SIDE_JOB, role="Penningmeester")
    everything(world.org)
    assert [row["nevenfunctie"] for row in rows(world.org, POSTS)] == ["Penningmeester"]
    post_duties_update(post=world.duty_post, by=world.users["clerk"], designated=False, publication_duty=False)
    assert rows(world.org, POSTS) == []
    assert "Penningmeester" not in html("public_register", world.org.slug, POSTS)


def test_a_leaver_from_the_hr_import_leaves_the_register_at_once(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB, role="Voorzitter")
    everything(world.org)
    assert len(rows(world.org, OFFICIALS)) == 1
    # A file without the council member (the template's one example person, in a top unit): she has left.
    header, example = csv.reader(io.StringIO(hr_file.template_csv().decode("utf-8-sig")), delimiter=";")
    example[header.index("bovenliggende_eenheid_code")] = ""
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([header, example])
    result = people_import(
        organisation=world.org, by=world.users["clerk"], file_name="hr.csv", data=out.getvalue().encode(), dry_run=False
    )
    assert not result.errors and result.counts["leavers"]
    assert rows(world.org, OFFICIALS) == []
    assert "Voorzitter" not in html("public_register", world.org.slug, OFFICIALS)
    assert "Voorzitter" in html("public_history", world.org.slug)  # the history keeps it


def test_a_new_history_period_shows_at_once(world: PublicationWorld) -> None:
    everything(world.org)
    assert "12 maanden" in html("public_index", world.org.slug)
    current = RegisterSettings.objects.get(organisation=world.org)
    register_settings_update(
        organisation_id=world.org.pk,
        by=world.users["clerk"],
        gift_threshold=current.gift_threshold,
        decision_reminder_days=current.decision_reminder_days,
        decision_escalation_days=current.decision_escalation_days,
        publication_history_months=24,
        council_clerk=current.council_clerk,
        executive_secretary=current.executive_secretary,
    )
    assert "24 maanden" in html("public_index", world.org.slug)


def test_a_new_organisation_name_shows_at_once_in_the_json(world: PublicationWorld) -> None:
    administrator = make_user(world.org, "admin", Role.ADMINISTRATOR)
    everything(world.org)
    assert document(world.org, OFFICIALS)["organisatie"] == "Provincie Testland"
    organisation_update_branding(
        organisation=world.org,
        by=administrator,
        name="Provincie Nieuwland",
        kind=world.org.kind,
        primary_colour=world.org.primary_colour,
        confidential_adviser_contact=world.org.confidential_adviser_contact,
    )
    assert document(world.org, OFFICIALS)["organisatie"] == "Provincie Nieuwland"


# --- Serving the kept files -----------------------------------------------------------------


def test_a_client_that_has_the_file_gets_304_until_it_changes(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB)
    url = reverse("declarations:public_register_data", args=[world.org.slug, OFFICIALS, "csv"])
    client = Client()
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    world.declaration(world.people["council"], Kind.SIDE_JOB, role="Secretaris")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert b"Secretaris" in changed.content


def test_the_kept_json_says_when_it_was_asked_for(world: PublicationWorld) -> None:
    world.declaration(world.people["council"], Kind.SIDE_JOB)
    first = document(world.org, OFFICIALS)
    second = document(world.org, OFFICIALS)
    assert first["rijen"] == second["rijen"]
    for found in (first, second):
        requested = dt.datetime.fromisoformat(str(found["opgevraagd"]))
        assert abs((requested - dt.datetime.now(requested.tzinfo)).total_seconds()) < 60
