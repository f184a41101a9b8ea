"""Audit actions written by the declarations (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="declarations",
    label=_("Declarations"),
    actions={
        # The transition (submit, approve, refuse, …) is in the event's details.
        "declarations.transition": _("Declaration submitted, decided, withdrawn or ended"),
        # The decision pages (declarations/decisions.py): another person's financial
        # interest read by a decider, the register clerk or a coordinator; a gift's
        # destination; the register settings.
        "declarations.gift_destination_recorded": _("Destination of a handed-in gift recorded"),
        "declarations.settings_changed": _("Register settings changed"),
        "declarations.round_started": _("Update round started"),
        "declarations.round_last_reminder": _("Last reminder of an update round sent"),
        "declarations.round_closed": _("Update round closed"),
        "declarations.round_defaults_updated": _("Default dates of the update rounds changed"),
        "declarations.draft_saved": _("Draft declaration saved"),
        "declarations.draft_discarded": _("Draft declaration discarded"),
        "declarations.nil_return": _("Nothing to declare or nothing changed recorded"),
        "declarations.viewed": _("Another person's financial interest viewed"),
    },
)
