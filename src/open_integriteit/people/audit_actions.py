"""Audit actions written by the people register (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="people",
    label=_("People register"),
    actions={
        "people.import_ran": _("HR import ran"),
        "people.person_viewed": _("Person in the register viewed"),
        "people.destroyed": _("Person removed from the register after retention"),
        "people.account_linked": _("Account made and linked at the first log-in through the organisation's provider"),
    },
)
