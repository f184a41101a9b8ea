"""Audit actions written by the annual reports (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="annual_reports",
    label=_("Annual reports"),
    actions={
        "annual_reports.created": _("Annual report draft created"),
        "annual_reports.template_changed": _("Chapters of the annual report template changed"),
        "annual_reports.viewed": _("Annual report opened"),
        "annual_reports.section_changed": _("Section of an annual report changed"),
        "annual_reports.flag_accepted": _("Flag of the privacy check accepted with a reason"),
        "annual_reports.adopted": _("Annual report adopted"),
        "annual_reports.render_queued": _("Files of an annual report queued to be made again"),
        "annual_reports.published": _("Annual report published"),
        "annual_reports.downloaded": _("File of an annual report downloaded"),
        "annual_reports.shared_overview_viewed": _("Counts of the organisations served by the shared service viewed"),
    },
)
