"""Audit actions written by the encryption app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="encryption",
    label=_("Encryption"),
    actions={"encryption.keys_rotated": _("Data re-encrypted under the active key")},
)
