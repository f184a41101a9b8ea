"""Audit actions written by the annual programme (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="programme",
    label=_("Annual programme"),
    actions={
        "programme.action_added": _("Action added to the annual programme"),
        "programme.action_updated": _("Action of the annual programme changed"),
        "programme.action_carried": _("Action carried to the next year"),
    },
)
