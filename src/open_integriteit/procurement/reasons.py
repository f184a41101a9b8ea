"""The reasons a deviation from the procurement rules is recorded under: a per-organisation
list (ADR 0010) with defaults, managed by the coordinator and the register clerk."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from open_integriteit.accounts.models import Role
from open_integriteit.lists.registry import DefaultEntry, ListGroup, ListKind

DEFAULT_REASONS = (
    DefaultEntry("urgentie", "Dwingende spoed", "Urgency"),
    DefaultEntry("enige-leverancier", "Slechts één leverancier mogelijk", "Only one supplier possible"),
    DefaultEntry("aansluiting", "Aansluiting op bestaande opdracht", "Follow-up of an existing contract"),
    DefaultEntry("te-laat-gestart", "Te laat gestart met de inkoop", "Procurement started too late"),
    DefaultEntry("raming-overschreden", "Raming overschreden", "Estimate exceeded"),
    DefaultEntry("anders", "Anders", "Other"),
)

REASONS = ListKind(
    code="procurement.deviation_reason",
    label=_("Reasons for deviations from the procurement rules"),
    intro=_(
        "The reasons deviations from the procurement rules are recorded under. Switch off what your "
        "organisation does not use, or add your own. Recorded deviations keep their reason."
    ),
    add_label=_("Add a reason"),
    groups=(ListGroup("", defaults=DEFAULT_REASONS),),
    own_group="",
    managers=frozenset({Role.COORDINATOR, Role.REGISTER_CLERK}),
    code_fallback="reden",
    nav="procurement",
    back_url="procurement:deviations",
)
