"""Writes of the annual reports. Keep this surface small.

``template_chapters`` gives an organisation's template, creating it from the defaults the
first time; ``report_create`` starts a draft for one year or a range with a copy of the
template's chapters, so changing the template later leaves existing reports alone.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.access import annual_reports as access
from open_integriteit.audit.services import audit_log

from .chapters import DEFAULT_CHAPTERS
from .models import AnnualReport, ReportState, Section, TemplateChapter


def template_chapters(*, organisation: Any) -> list[TemplateChapter]:
    """The organisation's chapters in order; the defaults are written on first use (and a
    default chapter added to the product later is appended, switched on)."""
    with transaction.atomic():
        existing = {chapter.key: chapter for chapter in TemplateChapter.objects.filter(organisation=organisation)}
        position = max((chapter.position for chapter in existing.values()), default=0)
        for default in DEFAULT_CHAPTERS:
            if default.key not in existing:
                position += 1
                existing[default.key] = TemplateChapter.objects.create(
                    organisation=organisation, key=default.key, title=str(default.title), position=position
                )
    return sorted(existing.values(), key=lambda chapter: (chapter.position, chapter.pk))


def default_title(*, first_year: int, last_year: int) -> str:
    if first_year == last_year:
        return _("Annual integrity report %(year)s") % {"year": first_year}
    return _("Integrity report %(first)s–%(last)s") % {"first": first_year, "last": last_year}


def report_create(*, organisation: Any, first_year: int, last_year: int, by: Any, title: str = "") -> AnnualReport:
    if not access.can_manage_annual_reports(by, organisation.pk):
        raise PermissionDenied
    with transaction.atomic():
        report = AnnualReport(
            organisation=organisation,
            first_year=first_year,
            last_year=last_year,
            title=title or default_title(first_year=first_year, last_year=last_year),
            created_by=by,
        )
        report.full_clean()
        report.save()
        Section.objects.bulk_create(
            Section(
                report=report, key=chapter.key, title=chapter.title, position=chapter.position, enabled=chapter.enabled
            )
            for chapter in template_chapters(organisation=organisation)
        )
        audit_log(
            action="annual_reports.created",
            actor=by,
            target=report,
            details={"first_year": first_year, "last_year": last_year},
        )
    return report


def section_update(*, section: Section, title: str, narrative: str, enabled: bool, by: Any) -> Section:
    """Change a draft's section. Placeholders must name a figure and a year of the report."""
    from .document import unknown_placeholders

    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=section.report_id)
        if not access.can_manage_annual_reports(by, report.organisation_id):
            raise PermissionDenied
        if report.state != ReportState.DRAFT:
            raise ValidationError(_("An adopted report can no longer be changed; make a corrected version."))
        unknown = unknown_placeholders(narrative, years=report.years)
        if unknown:
            raise ValidationError(
                {
                    "narrative": _("These placeholders name no figure or a year outside the report: %(placeholders)s.")
                    % {"placeholders": ", ".join(unknown)}
                }
            )
        section.title = title
        section.narrative = narrative
        section.enabled = enabled
        section.full_clean()
        section.save()
        audit_log(action="annual_reports.section_changed", actor=by, target=report, details={"section": section.key})
    return section
