"""The topics advice requests are registered under: a per-organisation list (ADR 0010) with
seven defaults, managed by the coordinator."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import Role
from open_integriteit.lists.registry import DefaultEntry, ListGroup, ListKind

DEFAULT_TOPICS = (
    DefaultEntry("gifts_invitations", "Geschenken en uitnodigingen", "Gifts and invitations"),
    DefaultEntry("side_jobs", "Nevenwerkzaamheden", "Side jobs"),
    DefaultEntry("conflicts_of_interest", "Belangenverstrengeling", "Conflicts of interest"),
    DefaultEntry("confidential_information", "Vertrouwelijke informatie", "Confidential information"),
    DefaultEntry("social_media", "Sociale media en online intimidatie", "Social media and online harassment"),
    DefaultEntry("behaviour", "Gedrag", "Behaviour"),
    DefaultEntry("other", "Anders", "Other"),
)

ADVICE_TOPICS = ListKind(
    code="advice.topic",
    label=_("Topics of advice requests"),
    intro=_(
        "The topics advice requests are registered under and counted by in the annual report. Switch off "
        "what your organisation does not use, or add your own. Advice requests keep their topic."
    ),
    add_label=_("Add a topic"),
    groups=(ListGroup("", defaults=DEFAULT_TOPICS),),
    own_group="",
    managers=frozenset({Role.COORDINATOR}),
    code_fallback="onderwerp",
    nav="advice",
    back_url="advice:list",
)
