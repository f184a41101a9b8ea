"""A report starts as a draft with the chapters of its organisation's template (issue 10)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from open_integriteit.annual_reports import services
from open_integriteit.annual_reports.chapters import DEFAULT_CHAPTERS
from open_integriteit.annual_reports.models import AnnualReport, ReportState, TemplateChapter
from open_integriteit.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_combined_two_year_draft_gets_the_default_chapters_in_order(org, personas):
    report = services.report_create(organisation=org, first_year=2022, last_year=2023, by=personas["alice"])
    assert report.state == ReportState.DRAFT
    assert report.title == "Integriteitsrapportage 2022–2023"
    assert [s.key for s in report.sections.all()] == [c.key for c in DEFAULT_CHAPTERS]
    assert AuditEvent.objects.filter(action="annual_reports.created", object_id=str(report.pk)).exists()


def test_a_chapter_switched_off_and_moved_in_the_template_is_so_in_the_next_draft_only(org, personas):
    first = services.report_create(organisation=org, first_year=2023, last_year=2023, by=personas["alice"])
    TemplateChapter.objects.filter(organisation=org, key="indicators").update(enabled=False)
    TemplateChapter.objects.filter(organisation=org, key="programme").update(position=0)
    TemplateChapter.objects.create(organisation=org, key="own-culture", title="Cultuur", position=99)
    second = services.report_create(organisation=org, first_year=2024, last_year=2024, by=personas["alice"])
    keys = [s.key for s in second.sections.all()]
    assert keys[0] == "programme" and keys[-1] == "own-culture"
    assert not second.sections.get(key="indicators").enabled
    assert first.sections.get(key="indicators").enabled
    assert next(s.key for s in first.sections.all()) == "introduction"


@pytest.mark.parametrize(("first", "last"), [(2024, 2023), (2015, 2023)])
def test_a_range_backwards_or_over_five_years_is_refused_and_nothing_is_written(org, personas, first, last):
    with pytest.raises(ValidationError) as refused:
        services.report_create(organisation=org, first_year=first, last_year=last, by=personas["alice"])
    assert "last_year" in refused.value.message_dict
    assert not AnnualReport.objects.exists()
