"""Audit actions written by the complaints app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="complaints",
    label=_("Complaints and incidents"),
    actions={
        "complaints.complaint_recorded": _("Complaint recorded"),
        "complaints.complaint_changed": _("Complaint changed"),
        "complaints.complaint_viewed": _("Complaint opened"),
        "complaints.incident_recorded": _("Incident recorded"),
        "complaints.incident_changed": _("Incident changed"),
        "complaints.incident_viewed": _("Incident opened"),
        "complaints.text_destroyed": _("Texts destroyed after the retention period"),
    },
)
