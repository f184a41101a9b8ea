"""Audit actions written by the regulations register (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="regulations",
    label=_("Regulations"),
    actions={
        "regulations.added": _("Rule or code added to the register"),
        "regulations.updated": _("Rule or code changed"),
        "regulations.settings_changed": _("Review period of the rules and codes changed"),
    },
)
