"""Audit actions written by the cases app (see ``audit.actions``)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

from . import workflow


def _transition_label(details: Mapping[str, Any]) -> Any:
    spec = workflow.BY_NAME.get(str(details.get("step", "")))
    return spec.label if spec else None


register_actions(
    prefix="case",
    label=_("Cases"),
    actions={
        "case.created": _("Case opened"),
        "case.viewed": _("Case viewed"),
        "case.list_exported": _("Case list downloaded as CSV"),
        "case.report_added": _("Report added to the case"),
        "case.transition": _("Case moved to another stage"),
        "case.assigned": _("Colleague assigned"),
        "case.unassigned": _("Assignment ended"),
        "case.handed_over": _("Work handed over to a colleague"),
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
        "case.exported": _("Case file downloaded as PDF"),
        "case.note_added": _("Note added"),
        "case.lessons_updated": _("Lessons learned updated"),
        "case.summary_updated": _("Summary changed"),
        "case.summary_finalised": _("Summary marked final"),
        "case.destroyed": _("Content destroyed after retention"),
    },
    describe={"case.transition": _transition_label},
)
register_actions(
    prefix="retention",
    label=_("Retention"),
    actions={"retention.policy_changed": _("Retention periods changed")},
)
