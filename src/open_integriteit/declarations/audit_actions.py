"""Audit actions written by the declarations (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="declarations",
    label=_("Declarations"),
    actions={
        # The transition (submit, approve, refuse, …) is in the event's details.
        "declarations.transition": _("Declaration submitted, decided, withdrawn or ended"),
        "declarations.round_started": _("Update round started"),
        "declarations.round_last_reminder": _("Last reminder of an update round sent"),
        "declarations.round_closed": _("Update round closed"),
        "declarations.round_defaults_updated": _("Default dates of the update rounds changed"),
    },
)
