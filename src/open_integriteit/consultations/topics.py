"""The topics confidential advisers log their contacts under: a per-organisation list
(ADR 0010) with five defaults, managed by the coordinator."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import Role
from open_integriteit.lists.registry import DefaultEntry, ListGroup, ListKind

DEFAULT_TOPICS = (
    DefaultEntry("ongewenste-omgangsvormen", "Ongewenste omgangsvormen", "Unwanted behaviour"),
    DefaultEntry("zakelijke-integriteit", "Zakelijke integriteit", "Business integrity"),
    DefaultEntry("arbeidsconflict", "(Dreigend) arbeidsconflict", "(Threatening) labour dispute"),
    DefaultEntry("onveiligheid", "Onveiligheid", "Feeling unsafe"),
    DefaultEntry("advies-algemeen", "Advies algemeen", "General advice"),
)

TOPICS = ListKind(
    code="consultations.topic",
    label=_("Topics of the contact log"),
    intro=_(
        "The topics confidential advisers log their contacts under. Switch off what your organisation does "
        "not use, or add your own. Entries keep their topic."
    ),
    add_label=_("Add a topic"),
    groups=(ListGroup("", defaults=DEFAULT_TOPICS),),
    own_group="",
    managers=frozenset({Role.COORDINATOR}),
    code_fallback="onderwerp",
    nav="consultations",
    back_url="consultations:overview",
)
