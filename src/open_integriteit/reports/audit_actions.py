"""Audit actions written by the reports app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="report",
    label=_("Reports"),
    actions={
        "report.submitted": _("Report received through the web form"),
        "report.registered": _("Report registered by staff"),
        "report.viewed": _("Report viewed"),
        "report.acknowledged": _("Acknowledgement sent to the reporter"),
        "report.message_sent": _("Message sent to the reporter"),
        "report.reply_received": _("Message received from the reporter"),
        "report.classified": _("Report classified"),
        "report.assigned": _("Colleague assigned to the report"),
        "report.unassigned": _("Assignment to the report ended"),
        "report.implicated_marked": _("Person marked as implicated in the report"),
        "report.implication_withdrawn": _("Implication in the report withdrawn as a mistake"),
        "report.closed": _("Report closed"),
        "report.destroyed": _("Report content destroyed after retention"),
        "report.submission_limit_reached": _("Submission refused: limit reached"),
        "report.list_exported": _("Report list downloaded as CSV"),
        "report.deadlines_exported": _("Deadline overview downloaded as CSV"),
    },
)
register_actions(
    prefix="reporter_identity",
    label=_("Reporter's identity"),
    actions={
        "reporter_identity.disclosed": _("Reporter's identity shown to a staff member"),
        "reporter_identity.access_granted": _("A colleague may see the reporter's identity"),
        "reporter_identity.access_revoked": _("A colleague may no longer see the reporter's identity"),
    },
)
register_actions(
    prefix="minutes",
    label=_("Minutes"),
    actions={
        "minutes.offered": _("Minutes offered to the reporter"),
        "minutes.approved": _("Minutes approved"),
        "minutes.correction_requested": _("Reporter asked to correct the minutes"),
    },
)
register_actions(
    prefix="attachment",
    label=_("Attachments"),
    actions={"attachment.downloaded": _("Attachment downloaded")},
)
register_actions(
    prefix="category",
    label=_("Categories"),
    actions={
        "category.created": _("Category added"),
        "category.activated": _("Category switched on"),
        "category.deactivated": _("Category switched off"),
    },
)
