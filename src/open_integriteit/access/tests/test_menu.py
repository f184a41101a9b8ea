"""The menu never shows a link that ends in 404, for any persona: every link it shows (and
the logo's) is one the need-to-know table allows them, and it opens."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import resolve, reverse

from open_integriteit.access import menu
from open_integriteit.accounts.services import role_assign

from .test_need_to_know import EXPECTATIONS, WORLD_CHANGES
from .world import STAFF, World

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="oi-nav".*?</nav>', re.S)
LOGO = re.compile(r'class="oi-header__brand" href="([^"]+)"')


def _links(page: str) -> list[str]:
    (nav,) = NAV.findall(page)
    return list(re.findall(r'<a class="utrecht-link" href="([^"]+)"', nav))


def _allowed(url_name: str, persona: str) -> bool:
    # A visit made after changing who a persona is (grace's organisation made a shared
    # service) says nothing about the world the menu is shown in.
    return any(
        visit.method == "get" and persona in visit.allowed and visit.prepare not in WORLD_CHANGES
        for visit in EXPECTATIONS[url_name]
    )


@pytest.mark.parametrize("persona", sorted(STAFF))
def test_every_link_in_the_menu_opens(world: World, db: Any, persona: str) -> None:
    client = world.clients[persona]
    page = client.get(reverse("accounts:profile")).content.decode()
    links = [*_links(page), *LOGO.findall(page)]
    assert links, persona
    for href in links:
        match = resolve(href)
        assert _allowed(match.view_name, persona), f"{persona} is shown {match.view_name}, which the table refuses"
        assert client.get(href, follow=True).status_code == 200, f"{persona}: the menu link {href} does not open"
    shown = {resolve(href).view_name for href in _links(page)}
    offered = {entry.url_name for entry in menu.MENU if _allowed(entry.url_name, persona)}
    assert shown == offered | {"accounts:profile"}, f"{persona}: the menu leaves out a page they may open"


def test_an_administrator_with_a_content_role_gets_no_content_links(world: World, db: Any) -> None:
    erin = world.people["erin"]
    role_assign(user=erin, role="coordinator")
    erin.__dict__.pop("role_set", None)
    names = [entry.url_name for entry in menu.menu_for(erin)]
    assert names == [
        "reports:typology",
        "accounts:user_list",
        "accounts:role_approvals",
        "organisations:branding",
        "accounts:oidc_configuration",
    ]
    assert menu.home_url_name(erin) == "accounts:user_list"


def test_an_adviser_without_a_log_is_not_offered_one(world: World, db: Any) -> None:
    names = {entry.url_name for entry in menu.menu_for(world.people["carol"])}
    assert "consultations:contact_list" not in names
    assert "consultations:contact_list" in {entry.url_name for entry in menu.menu_for(world.people["vera"])}


def test_an_employee_in_the_register_lands_on_her_declarations(world: World, db: Any) -> None:
    """Someone whose only work here is declaring (a log-in with the organisation's account
    lands there too) starts on "my declarations"; a manager in the register on their people."""
    assert menu.home_url_name(world.people["mila"]) == "declarations:my_overview"
    assert menu.home_url_name(world.people["otto"]) == "people:list"
    assert menu.home_url_name(world.people["outsider"]) == "accounts:profile"


@pytest.mark.parametrize("persona", sorted(STAFF))
def test_the_registers_page_lists_exactly_what_the_persona_may_open(world: World, db: Any, persona: str) -> None:
    offered = {entry.url_name for entry in menu.REGISTERS if _allowed(entry.url_name, persona)}
    response = world.clients[persona].get(reverse("organisations:registers"))
    if not offered:
        assert response.status_code == 404
        return
    (listing,) = re.findall(r'<ul class="oi-register-list">.*?</ul>', response.content.decode(), re.S)
    listed = {resolve(href).view_name for href in re.findall(r'<a class="utrecht-link" href="([^"]+)"', listing)}
    assert listed == offered, persona
    for entry in menu.REGISTERS:
        if entry.url_name in offered:
            opened = world.clients[persona].get(reverse(entry.url_name))
            assert opened.status_code == 200
            assert 'aria-current="page">' in opened.content.decode(), f"{entry.url_name}: the menu entry is not marked"
