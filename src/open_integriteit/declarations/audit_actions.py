"""Audit actions written by the declarations (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="declarations",
    label=_("Declarations"),
    actions={
        # The transition (submit, approve, refuse, …) is in the event's details.
        "declarations.transition": _("Declaration submitted, decided, withdrawn or ended"),
        "declarations.draft_saved": _("Draft declaration saved"),
        "declarations.draft_discarded": _("Draft declaration discarded"),
        "declarations.nil_return": _("Nothing to declare or nothing changed recorded"),
        "declarations.financial_interest_viewed": _("Another person's financial interest viewed"),
    },
)
