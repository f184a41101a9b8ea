"""Audit actions written by the confidential advisers' log (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="consultation",
    label=_("Confidential advisers' log"),
    actions={
        "consultation.topic_created": _("Topic added"),
        "consultation.topic_activated": _("Topic switched on"),
        "consultation.topic_deactivated": _("Topic switched off"),
        "consultation.adviser_created": _("Adviser added"),
        "consultation.adviser_changed": _("Adviser changed"),
        "consultation.contact_logged": _("Contact logged"),
        "consultation.contact_changed": _("Contact changed"),
        "consultation.contact_deleted": _("Contact deleted"),
        "consultation.year_total_saved": _("Year total saved"),
        "consultation.year_total_deleted": _("Year total deleted"),
    },
)
