"""Audit actions written by the figures app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="figures",
    label=_("Figures"),
    actions={
        "figures.viewed": _("Figures of a year viewed"),
        "figures.total_entered": _("Total of an earlier year entered"),
        "figures.total_changed": _("Entered total of an earlier year changed"),
        "figures.total_removed": _("Entered total of an earlier year removed"),
    },
)
