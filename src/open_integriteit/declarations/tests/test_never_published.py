"""Generated from the decision table: a declaration in every state (``workflow.State``) ×
every kind of declarant and post, each with its own markers in every free-text field. Only
approved declarations (with or without a restriction) of people and posts in scope appear on
the public register pages and in their CSV and JSON; an ended one only in the history; a
draft, a submitted (undecided), a refused or a withdrawn one, and anything out of scope,
nowhere on any public page or file. The names of holders of posts never appear at all."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from open_integriteit.declarations import publication
from open_integriteit.declarations.models import Kind
from open_integriteit.declarations.workflow import PUBLISHABLE, State
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import Office, PersonKind

from .publication_world import PublicationWorld, build_publication_world

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Scope:
    name: str
    person_kind: str
    office: str
    post: str  # "duty", "plain", "" (an official: no post), "none" (holds the duty post, declared without it)
    kind: str
    register: str | None  # the register it belongs to, None: out of scope


OFFICIAL, EMPLOYEE, HIRED = PersonKind.OFFICIAL, PersonKind.EMPLOYEE, PersonKind.HIRED
SIDE_JOB, INTEREST, GIFT = Kind.SIDE_JOB, Kind.FINANCIAL_INTEREST, Kind.GIFT
SCOPES = (
    Scope("council member's side job", OFFICIAL, Office.COUNCIL_MEMBER, "", SIDE_JOB, "nevenfuncties-bestuurders"),
    Scope("mayor's side job", OFFICIAL, Office.HEAD, "", SIDE_JOB, "nevenfuncties-bestuurders"),
    Scope("alderman's interest", OFFICIAL, Office.EXECUTIVE, "", INTEREST, "financiele-belangen-bestuurders"),
    Scope("council member's interest", OFFICIAL, Office.COUNCIL_MEMBER, "", INTEREST, None),
    Scope("official's gift", OFFICIAL, Office.COUNCIL_MEMBER, "", GIFT, "geschenken-bestuurders"),
    Scope("side job of a post with publication duty", EMPLOYEE, "", "duty", SIDE_JOB, "nevenfuncties-functies"),
    Scope("hired staff's side job in a post with the duty", HIRED, "", "duty", SIDE_JOB, "nevenfuncties-functies"),
    Scope("side job of a post without publication duty", EMPLOYEE, "", "plain", SIDE_JOB, None),
    Scope("side job declared without a post", EMPLOYEE, "", "none", SIDE_JOB, None),
    Scope("employee's gift in a post with publication duty", EMPLOYEE, "", "duty", GIFT, None),
    Scope("employee's interest in a post with publication duty", EMPLOYEE, "", "duty", INTEREST, None),
)
CASES = [(state, scope) for state in State for scope in SCOPES]


def test_the_cases_cover_every_state_and_both_sides_of_the_scope() -> None:
    assert {state for state, _ in CASES} == set(State)
    assert {scope.register for scope in SCOPES} == {*(r.slug for r in publication.REGISTERS), None}


def _public_texts(org: Organisation) -> dict[str, str]:
    """Every public page and file of the organisation, as text."""
    client = Client()
    urls = {
        "index": reverse("declarations:public_index", args=[org.slug]),
        "history": reverse("declarations:public_history", args=[org.slug]),
    }
    for register in publication.REGISTERS:
        urls[register.slug] = reverse("declarations:public_register", args=[org.slug, register.slug])
        for fmt in ("csv", "json"):
            urls[f"{register.slug}.{fmt}"] = reverse(
                "declarations:public_register_data", args=[org.slug, register.slug, fmt]
            )
    texts = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        texts[name] = response.content.decode("utf-8-sig")
    return texts


@pytest.fixture
def published_world(org: Organisation) -> tuple[PublicationWorld, dict[str, str], list[tuple[str, Scope, str, str]]]:
    """One declaration per case, made once for all the assertions below."""
    world = build_publication_world(org)
    made = []
    for number, (state, scope) in enumerate(CASES):
        content, name = f"M{number:03d}X", f"N{number:03d}Q"
        post = {"duty": world.duty_post, "plain": world.plain_post, "": None, "none": world.duty_post}[scope.post]
        person = world.person(
            f"case{number}", kind=scope.person_kind, office=scope.office, post=post, surname=name, account=True
        )
        extra = {"post": None} if scope.post == "none" else {}
        world.declaration(
            person,
            scope.kind,
            state=state,
            body=f"Body {content}",
            role=f"Role {content}",
            relation_to_work=f"Relation {content}",
            description=f"Description {content}",
            giver=f"Giver {content}",
            occasion=f"Occasion {content}",
            **extra,
        )
        made.append((str(state), scope, content, name))
    return world, _public_texts(org), made


def test_only_approved_declarations_in_scope_are_on_the_register_pages_and_in_their_csv_and_json(
    published_world: tuple[PublicationWorld, dict[str, str], list[tuple[str, Scope, str, str]]],
) -> None:
    _world, texts, made = published_world
    wrong = []
    for state, scope, content, _name in made:
        expected = state in PUBLISHABLE and scope.register is not None
        for register in publication.REGISTERS:
            for where in (register.slug, f"{register.slug}.csv", f"{register.slug}.json"):
                shown = content in texts[where]
                if shown != (expected and register.slug == scope.register):
                    wrong.append(f"{state} {scope.name}: shown={shown} in {where}")
    assert wrong == []


def test_the_history_holds_exactly_the_published_and_the_ended_declarations_in_scope(
    published_world: tuple[PublicationWorld, dict[str, str], list[tuple[str, Scope, str, str]]],
) -> None:
    _world, texts, made = published_world
    wrong = []
    for state, scope, content, name in made:
        expected = (state in PUBLISHABLE or state == State.ENDED) and scope.register is not None
        # The history names the official, or the post and the side job.
        marker = name if scope.person_kind == PersonKind.OFFICIAL else content
        if (marker in texts["history"]) != expected:
            wrong.append(f"{state} {scope.name}: in history={not expected}")
        if not expected and (content in texts["history"] or name in texts["history"]):
            wrong.append(f"{state} {scope.name}: something of it in the history")
    assert wrong == []


def test_nothing_of_an_unpublished_declaration_and_no_name_of_a_post_holder_is_on_any_public_page(
    published_world: tuple[PublicationWorld, dict[str, str], list[tuple[str, Scope, str, str]]],
) -> None:
    _world, texts, made = published_world
    wrong = []
    for state, scope, content, name in made:
        published = (state in PUBLISHABLE or state == State.ENDED) and scope.register is not None
        for where, text in texts.items():
            if not published and (content in text or name in text):
                wrong.append(f"{state} {scope.name} in {where}")
            if scope.person_kind != PersonKind.OFFICIAL and name in text:
                wrong.append(f"the name of the holder ({state} {scope.name}) in {where}")
            if f"Relation {content}" in text:
                wrong.append(f"the relation to own work ({state} {scope.name}) in {where}")
    assert wrong == []


def test_the_declarant_sees_exactly_their_rows_of_the_public_registers(
    published_world: tuple[PublicationWorld, dict[str, str], list[tuple[str, Scope, str, str]]],
) -> None:
    from open_integriteit.testing.fixtures import login

    world, texts, made = published_world
    wrong = []
    for number, (state, scope, content, _name) in enumerate(made):
        response = login(Client(), world.users[f"case{number}"]).get(reverse("declarations:my_published"))
        assert response.status_code == 200
        mine = response.content.decode().split('id="history-table"')[0]  # the rows, not the history
        on_register = state in PUBLISHABLE and scope.register is not None
        if (f"Role {content}" in mine or f"Giver {content}" in mine or f"Description {content}" in mine) != (
            on_register
        ):
            wrong.append(f"{state} {scope.name}")
        if on_register:
            assert content in texts[scope.register]
    assert wrong == []
