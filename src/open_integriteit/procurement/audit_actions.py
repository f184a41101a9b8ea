"""Audit actions written by the procurement app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="procurement",
    label=_("Procurement deviations and Bibob"),
    actions={
        "procurement.deviation_recorded": _("Procurement deviation recorded"),
        "procurement.deviation_changed": _("Procurement deviation changed"),
        "procurement.bibob_recorded": _("Bibob check recorded"),
        "procurement.bibob_deleted": _("Bibob check deleted"),
        "procurement.bibob_totals_saved": _("Bibob yearly totals saved"),
    },
)
