"""The kinds of per-organisation list, registered by the apps that use them (ADR 0010).

A list kind says what one list is: its code (stored on every entry), its title and
explanation on the management page, its groups (a typology such as BIOS; most lists have a
single unnamed group), the default entries a new organisation gets, which group is in use
by default, and which roles manage it. An app registers its kinds in its
``AppConfig.ready``; this module imports no app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from open_integriteit.organisations.models import Organisation


@dataclass(frozen=True)
class DefaultEntry:
    code: str
    name_nl: str
    name_en: str


@dataclass(frozen=True)
class ListGroup:
    """A group of entries shown together, e.g. one typology. ``code`` is stored on the entry."""

    code: str
    label: _StrOrPromise = ""
    defaults: tuple[DefaultEntry, ...] = ()

    @property
    def is_standard(self) -> bool:
        """A group shipped with entries (a typology), as opposed to the organisation's own."""
        return bool(self.defaults)


@dataclass(frozen=True)
class ListKind:
    code: str  # "<app>.<list>", stored in ListEntry.kind
    label: _StrOrPromise  # title of the management page
    intro: _StrOrPromise  # what the list is for, shown on the management page
    add_label: _StrOrPromise  # heading of the form that adds an own entry
    groups: tuple[ListGroup, ...]  # in display order
    own_group: str  # the group the organisation's own entries go into
    managers: frozenset[str]  # roles that manage the list; the administrator only if listed
    # The standard group a new organisation starts with; None: every group is in use.
    default_group: Callable[[Organisation], str] | None = None
    code_fallback: str = "item"  # code of an own entry whose name gives no slug
    nav: str = ""  # menu item to highlight on the management page
    back_url: str = ""  # URL name of the page the management page belongs to
    group_codes: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        codes = [group.code for group in self.groups]
        if len(set(codes)) != len(codes) or self.own_group not in codes:
            raise ValueError(f"list kind {self.code}: groups must be unique and include the own group")
        object.__setattr__(self, "group_codes", frozenset(codes))

    @property
    def is_grouped(self) -> bool:
        return len(self.groups) > 1

    @property
    def standard_groups(self) -> tuple[ListGroup, ...]:
        return tuple(group for group in self.groups if group.is_standard)

    def group(self, code: str) -> ListGroup:
        return next(group for group in self.groups if group.code == code)

    def group_order(self, code: str) -> int:
        return next((i for i, group in enumerate(self.groups) if group.code == code), len(self.groups))

    def active_groups_for(self, organisation: Organisation) -> frozenset[str]:
        """The standard groups whose entries are in use when an organisation is created."""
        if self.default_group is None:
            return frozenset(group.code for group in self.groups)
        return frozenset({self.default_group(organisation), self.own_group})


_KINDS: dict[str, ListKind] = {}


def register(kind: ListKind) -> ListKind:
    """Add a list kind (from an ``AppConfig.ready``). Registering the same kind again is harmless."""
    existing = _KINDS.get(kind.code)
    if existing is not None and existing is not kind:
        raise ValueError(f"list kind {kind.code} is already registered")
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> ListKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"unknown list kind {code!r}") from None


def kinds() -> Iterator[ListKind]:
    return iter(_KINDS.values())
