"""Audit actions written by the audit app itself (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from .actions import register_actions

register_actions(
    prefix="audit",
    label=_("Audit trail"),
    actions={
        "audit.chain_keyed": _("Audit trail keyed from here on"),
        "audit.check_mailed": _("Daily check of the audit trail mailed to the auditors"),
    },
)
