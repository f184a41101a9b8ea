from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from open_integriteit.access import search
from open_integriteit.access.menu import MenuEntry, home_url_name, menu_for

register = template.Library()


@register.simple_tag
def staff_menu(user: Any) -> list[MenuEntry]:
    """``{% staff_menu user as entries %}``: the menu entries this user may open."""
    return menu_for(user)


@register.simple_tag
def staff_home_url(user: Any) -> str:
    """Where the logo takes a staff member: the first page they may open."""
    return reverse(home_url_name(user))


@register.simple_tag
def may_search(user: Any) -> bool:
    """``{% may_search user as searches %}``: the search box in the staff header opens a page."""
    return search.can_search(user)


@register.filter
def is_current(entry: MenuEntry, nav: str | None) -> bool:
    """``{% if entry|is_current:nav %}``: the page belongs to this menu entry (or one it covers)."""
    return entry.is_current(nav)
