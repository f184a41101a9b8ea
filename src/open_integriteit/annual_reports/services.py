"""Writes of the annual reports. Keep this surface small.

``template_chapters`` gives an organisation's template, creating it from the defaults the
first time; ``report_create`` starts a draft for one year or a range with a copy of the
template's chapters, so changing the template later leaves existing reports alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_q.tasks import async_task

from open_integriteit.access import annual_reports as access
from open_integriteit.audit.services import audit_log

from .chapters import DEFAULT_CHAPTERS
from .models import AnnualReport, FlagAcceptance, ReportState, Section, TemplateChapter

ADOPTED_STATES = (ReportState.ADOPTED, ReportState.PUBLISHED)


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


OWN_PREFIX = "own-"
TITLE_MAX_LENGTH = TemplateChapter._meta.get_field("title").max_length or 200


def _template_for_update(organisation: Any, by: Any) -> list[TemplateChapter]:
    """Lock the organisation (one template change at a time) and give its chapters in order."""
    if not access.can_manage_annual_reports(by, organisation.pk):
        raise PermissionDenied
    type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
    return template_chapters(organisation=organisation)


def _clean_title(title: str, chapters: list[TemplateChapter], *, exclude: TemplateChapter | None = None) -> str:
    """A chapter title: given, not too long, and not the title of another chapter of the template."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the chapter a title.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("A chapter title has at most %(max)d characters.") % {"max": TITLE_MAX_LENGTH}}
        )
    if any(c.title.casefold() == title.casefold() for c in chapters if c != exclude):
        raise ValidationError({"title": _("Another chapter already has this title: choose a different one.")})
    return title


def _chapter_in(chapters: list[TemplateChapter], chapter: TemplateChapter) -> TemplateChapter:
    found = next((c for c in chapters if c.pk == chapter.pk), None)
    if found is None:  # another organisation's chapter, or removed meanwhile
        raise PermissionDenied
    return found


def template_chapter_update(*, chapter: TemplateChapter, title: str, enabled: bool, by: Any) -> TemplateChapter:
    """Rename a chapter of the template or switch it on or off; drafts made before keep their copy."""
    with transaction.atomic():
        chapters = _template_for_update(chapter.organisation, by)
        locked = _chapter_in(chapters, chapter)
        locked.title = _clean_title(title, chapters, exclude=locked)
        locked.enabled = enabled
        locked.full_clean()
        locked.save()
        audit_log(
            action="annual_reports.template_changed",
            actor=by,
            target=locked.organisation,
            details={"chapter": locked.key, "change": "updated", "enabled": enabled},
        )
    return locked


def template_chapter_move(*, chapter: TemplateChapter, up: bool, by: Any) -> TemplateChapter:
    """Swap a chapter with the one before it (``up``) or after it; at either end nothing moves."""
    with transaction.atomic():
        chapters = _template_for_update(chapter.organisation, by)
        locked = _chapter_in(chapters, chapter)
        index = chapters.index(locked)
        other = index - 1 if up else index + 1
        if 0 <= other < len(chapters):
            chapters[index], chapters[other] = chapters[other], chapters[index]
            _renumber(chapters)
            audit_log(
                action="annual_reports.template_changed",
                actor=by,
                target=locked.organisation,
                details={"chapter": locked.key, "change": "moved up" if up else "moved down"},
            )
    return locked


def _renumber(chapters: list[TemplateChapter]) -> None:
    """Positions 1, 2, 3, … in the order given (only the chapters whose position changes are written)."""
    for position, chapter in enumerate(chapters, start=1):
        if chapter.position != position:
            chapter.position = position
            chapter.save(update_fields=["position"])


def template_chapter_add(*, organisation: Any, title: str, by: Any) -> TemplateChapter:
    """The organisation's own chapter, at the end, switched on: in a report it holds text only."""
    with transaction.atomic():
        chapters = _template_for_update(organisation, by)
        title = _clean_title(title, chapters)
        keys = {c.key for c in chapters}
        base = f"{OWN_PREFIX}{slugify(title)[:40].strip('-') or 'chapter'}"
        key, number = base, 1
        while key in keys:
            number += 1
            key = f"{base}-{number}"
        chapter = TemplateChapter(
            organisation=organisation,
            key=key,
            title=title,
            position=max((c.position for c in chapters), default=0) + 1,
        )
        chapter.full_clean()
        chapter.save()
        audit_log(
            action="annual_reports.template_changed",
            actor=by,
            target=organisation,
            details={"chapter": key, "change": "added"},
        )
    return chapter


def template_chapter_remove(*, chapter: TemplateChapter, by: Any) -> None:
    """Remove one of the organisation's own chapters (a default chapter is switched off instead)."""
    with transaction.atomic():
        chapters = _template_for_update(chapter.organisation, by)
        locked = _chapter_in(chapters, chapter)
        if not locked.key.startswith(OWN_PREFIX):
            raise ValidationError(_("A standard chapter cannot be removed; switch it off instead."))
        locked.delete()
        chapters.remove(locked)
        _renumber(chapters)
        audit_log(
            action="annual_reports.template_changed",
            actor=by,
            target=chapter.organisation,
            details={"chapter": chapter.key, "change": "removed"},
        )


def default_title(*, first_year: int, last_year: int) -> str:
    if first_year == last_year:
        return _("Annual integrity report %(year)s") % {"year": first_year}
    return _("Integrity report %(first)s–%(last)s") % {"first": first_year, "last": last_year}


def report_create(*, organisation: Any, first_year: int, last_year: int, by: Any, title: str = "") -> AnnualReport:
    if not access.can_manage_annual_reports(by, organisation.pk):
        raise PermissionDenied
    with transaction.atomic():
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
        if AnnualReport.objects.filter(
            organisation=organisation, first_year=first_year, last_year=last_year, state=ReportState.DRAFT
        ).exists():
            raise ValidationError(
                {"first_year": _("There is already a draft for these years: continue with that one.")}
            )
        if AnnualReport.objects.filter(
            organisation=organisation, first_year=first_year, last_year=last_year, state__in=ADOPTED_STATES
        ).exists():
            raise ValidationError(
                {
                    "first_year": _(
                        "A report for these years has already been adopted. To change it, make a corrected version "
                        "from that report."
                    )
                }
            )
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
        report = _draft_for_update(section.report, by)
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


def _draft_for_update(report: AnnualReport, by: Any) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not access.can_manage_annual_reports(by, locked.organisation_id):
        raise PermissionDenied
    if locked.state != ReportState.DRAFT:
        raise ValidationError(_("An adopted report can no longer be changed; make a corrected version."))
    return locked


def flag_accept(*, report: AnnualReport, code: str, reason: str, by: Any) -> FlagAcceptance:
    """Accept one flag of the privacy guard with a reason (audited); only a flag raised now."""
    from . import document, privacy

    with transaction.atomic():
        locked = _draft_for_update(report, by)
        raised = {flag.code for flag in privacy.flags(locked, document.build(locked))}
        if code not in raised:
            raise ValidationError(_("This flag is no longer raised: nothing to accept."))
        if locked.accepted_flags.filter(code=code).exists():
            raise ValidationError(_("This flag has been accepted already."))
        return _accept(locked, code, reason, by)


def flag_group_accept(*, report: AnnualReport, groups: Collection[str], reason: str, by: Any) -> list[FlagAcceptance]:
    """Accept every open flag of a figure, table or chapter (``privacy.Flag.group``; several
    at once for the demo) with one reason: one acceptance per flag, each audited, all or none."""
    from . import document, privacy

    with transaction.atomic():
        locked = _draft_for_update(report, by)
        still_open = [
            flag
            for flag in privacy.open_flags(locked, privacy.flags(locked, document.build(locked)))
            if flag.group in groups
        ]
        if not still_open:
            raise ValidationError(_("No flag of this part is open any more: nothing to accept."))
        return [_accept(locked, flag.code, reason, by) for flag in still_open]


def _accept(report: AnnualReport, code: str, reason: str, by: Any) -> FlagAcceptance:
    acceptance = FlagAcceptance(report=report, code=code, reason=reason.strip(), accepted_by=by)
    acceptance.full_clean()
    acceptance.save()
    audit_log(action="annual_reports.flag_accepted", actor=by, target=report, details={"flag": code[:100]})
    return acceptance


def report_adopt(
    *, report: AnnualReport, adopted_on: dt.date, adopted_by: str, decision_reference: str, by: Any
) -> AnnualReport:
    """Adopt the draft: refused while a flag of the privacy guard is open; the document is
    frozen as it is now, and its files are made from that copy in the background."""
    from . import document, privacy, tables

    with transaction.atomic():
        locked = _draft_for_update(report, by)
        # Everything that still blocks adoption is said at once, not one thing per attempt.
        problems: list[str] = []
        pending = tables.pending_summaries(locked.organisation, list(locked.years))
        if pending:
            problems.append(
                ngettext(
                    "The council summary of case %(references)s is not final yet. Finish it on the case first.",
                    "The council summaries of these cases are not final yet: %(references)s. Finish them on the "
                    "cases first.",
                    len(pending),
                )
                % {"references": ", ".join(pending)}
            )
        built = document.build(locked)
        still_open = privacy.open_flags(locked, privacy.flags(locked, built))
        if still_open:
            problems.append(
                ngettext(
                    "One flag of the privacy check is still open: solve it or accept it with a reason.",
                    "%(count)d flags of the privacy check are still open: solve them or accept them with a reason.",
                    len(still_open),
                )
                % {"count": len(still_open)}
            )
        errors: dict[str, Any] = {}
        if problems:
            errors[NON_FIELD_ERRORS] = problems
        if adopted_on > timezone.localdate():
            errors["adopted_on"] = _("The date of adoption cannot be in the future.")
        if errors:
            raise ValidationError(errors)
        locked.state = ReportState.ADOPTED
        locked.adopted_on = adopted_on
        locked.adopted_by = adopted_by.strip()
        locked.decision_reference = decision_reference.strip()
        locked.frozen = document.as_dict(built)
        locked.full_clean()
        locked.save()
        _queue_render(locked)
        audit_log(
            action="annual_reports.adopted",
            actor=by,
            target=locked,
            details={"decision": locked.decision_reference[:100]},
        )
    return locked


def _queue_render(report: AnnualReport) -> None:
    report_id = report.pk
    transaction.on_commit(lambda: async_task("open_integriteit.annual_reports.tasks.render_files", report_id))


def report_render_again(*, report: AnnualReport, by: Any) -> AnnualReport:
    """Queue the making of an adopted report's missing files again after it failed (audited)."""
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if not access.can_manage_annual_reports(by, locked.organisation_id):
            raise PermissionDenied
        if locked.state == ReportState.DRAFT or locked.render_failed_at is None:
            raise ValidationError(_("The files of this report have not failed: there is nothing to make again."))
        locked.render_failed_at = None
        locked.save(update_fields=["render_failed_at"])
        _queue_render(locked)
        audit_log(action="annual_reports.render_queued", actor=by, target=locked)
    return locked


def report_publish(*, report: AnnualReport, by: Any) -> AnnualReport:
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if not access.can_manage_annual_reports(by, locked.organisation_id):
            raise PermissionDenied
        if locked.state != ReportState.ADOPTED:
            raise ValidationError(_("Only an adopted report can be published."))
        from .render import FORMATS

        if locked.files.count() < len(FORMATS):
            raise ValidationError(_("The files of the report are still being made: publish it when they are ready."))
        locked.state = ReportState.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["state", "published_at"])
        audit_log(action="annual_reports.published", actor=by, target=locked)
    return locked


def report_correct(*, report: AnnualReport, by: Any) -> AnnualReport:
    """A new draft made from an adopted report, with its chapters and texts; both stay listed."""
    with transaction.atomic():
        original = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if not access.can_manage_annual_reports(by, original.organisation_id):
            raise PermissionDenied
        if original.state == ReportState.DRAFT:
            raise ValidationError(_("A draft can still be changed itself."))
        if original.corrections.filter(state=ReportState.DRAFT).exists():
            raise ValidationError(_("A corrected version of this report is already being drafted."))
        correction = AnnualReport(
            organisation=original.organisation,
            first_year=original.first_year,
            last_year=original.last_year,
            title=_("%(title)s (corrected version)") % {"title": original.title},
            corrects=original,
            created_by=by,
        )
        correction.full_clean()
        correction.save()
        Section.objects.bulk_create(
            Section(
                report=correction,
                key=s.key,
                title=s.title,
                position=s.position,
                enabled=s.enabled,
                narrative=s.narrative,
            )
            for s in original.sections.all()
        )
        audit_log(action="annual_reports.created", actor=by, target=correction, details={"corrects": original.pk})
    return correction
