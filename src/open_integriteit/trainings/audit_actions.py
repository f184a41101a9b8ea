"""Audit actions written by the trainings (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="trainings",
    label=_("Trainings"),
    actions={
        "trainings.session_recorded": _("Training session recorded"),
        "trainings.session_changed": _("Training session changed"),
        "trainings.session_deleted": _("Training session deleted"),
        "trainings.requirement_saved": _("Mandatory training saved"),
        "trainings.requirement_deleted": _("Mandatory training deleted"),
    },
)
