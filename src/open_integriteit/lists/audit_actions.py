"""Audit actions written by the lists app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="list",
    label=_("Lists"),
    actions={"list.group_chosen": _("Typology in use chosen")},
)
register_actions(
    prefix="list_entry",
    label=_("List entries"),
    actions={
        "list_entry.created": _("List entry added"),
        "list_entry.activated": _("List entry switched on"),
        "list_entry.deactivated": _("List entry switched off"),
    },
)
