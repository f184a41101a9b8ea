"""Readable labels for the case timeline, built from the (content-free) audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import workflow

LABELS: dict[str, Any] = {
    "case.created": _("Case opened"),
    "case.viewed": _("Case viewed"),
    "case.report_added": _("Report added to the case"),
    "case.assigned": _("Colleague assigned"),
    "case.unassigned": _("Assignment ended"),
    "case.implicated_marked": _("Person marked as implicated"),
    "case.implication_proposed": _("Subject with an account named: the reporting point decides on implication"),
    "case.implication_withdrawn": _("Implication withdrawn as a mistake"),
    "case.party_added": _("Party added"),
    "case.retaliation_risk_assessed": _("Risk of retaliation assessed"),
    "case.assessment_recorded": _("Investigability assessed"),
    "case.allegation_added": _("Allegation added"),
    "case.finding_recorded": _("Finding recorded"),
    "case.hearing_recorded": _("Hearing recorded"),
    "case.measure_added": _("Measure recorded"),
    "case.protection_added": _("Protective measure added"),
    "case.protection_updated": _("Protective measure updated"),
    "case.external_updated": _("Investigation or referral details changed"),
    "case.document_added": _("Document added"),
    "case.document_downloaded": _("Document downloaded"),
    "case.note_added": _("Note added"),
    "case.lessons_updated": _("Lessons learned updated"),
    "case.summary_updated": _("Summary changed"),
    "case.summary_finalised": _("Summary marked final"),
    "case.destroyed": _("Content destroyed after retention"),
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
    "reporter_identity.disclosed": _("Reporter's identity shown to a staff member"),
    "reporter_identity.access_granted": _("A colleague may see the reporter's identity"),
    "reporter_identity.access_revoked": _("A colleague may no longer see the reporter's identity"),
    "minutes.offered": _("Minutes offered to the reporter"),
    "minutes.approved": _("Minutes approved"),
    "minutes.correction_requested": _("Reporter asked to correct the minutes"),
    "attachment.downloaded": _("Attachment downloaded"),
}


def label_events(events: Iterable[Any]) -> list[Any]:
    labelled = []
    for event in events:
        if event.action == "case.transition":
            spec = workflow.BY_NAME.get(event.details.get("step", ""))
            event.label = spec.label if spec else event.action
        else:
            event.label = LABELS.get(event.action, event.action)
        labelled.append(event)
    return labelled
