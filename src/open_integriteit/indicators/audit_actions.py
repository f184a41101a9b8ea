"""Audit actions written by the survey indicators (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="indicators",
    label=_("Survey indicators"),
    actions={
        "indicators.indicator_created": _("Survey indicator added"),
        "indicators.indicator_changed": _("Survey indicator changed"),
        "indicators.measurement_recorded": _("Measurement of a survey indicator recorded"),
        "indicators.measurement_changed": _("Measurement of a survey indicator changed"),
        "indicators.measurement_removed": _("Measurement of a survey indicator removed"),
    },
)
