"""The kinds of training session: a per-organisation list (ADR 0010) with seven defaults,
kept by the coordinator and the register clerk. A specific recurring training (say, the
yearly course for buyers) is an own entry of this list, so a mandatory training can name
it as well as a general kind."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import Role
from open_integriteit.lists.registry import DefaultEntry, ListGroup, ListKind

DEFAULT_KINDS = (
    DefaultEntry("dilemmaspel", "Dilemmaspel", "Dilemma game"),
    DefaultEntry("webinar", "Webinar", "Webinar"),
    DefaultEntry("moreel-beraad", "Training moreel oordeelsvermogen", "Moral-judgement training"),
    DefaultEntry("teamsessie", "Teamsessie", "Team session"),
    DefaultEntry("workshop", "Workshop", "Workshop"),
    DefaultEntry("e-learning", "E-learning", "E-learning"),
    DefaultEntry("campagne", "Campagne", "Campaign"),
)

KINDS = ListKind(
    code="trainings.kind",
    label=_("Kinds of training session"),
    intro=_(
        "The kinds of session you record trainings and awareness activities under. Switch off what your "
        "organisation does not use, or add your own, such as a specific recurring training that can be made "
        "mandatory. Sessions keep their kind."
    ),
    add_label=_("Add a kind of session"),
    groups=(ListGroup("", defaults=DEFAULT_KINDS),),
    own_group="",
    managers=frozenset({Role.COORDINATOR, Role.REGISTER_CLERK}),
    code_fallback="training",
    nav="trainings",
    back_url="trainings:sessions",
)
